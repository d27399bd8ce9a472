"""PDF/UA-1: one test per rule of veraPDF's profile, run on every PDF in conftest.py at once.

A failure names the rule (its veraPDF number and description), the PDF and what is wrong.
"""

from __future__ import annotations

from tests.pdf.standards import pdfa3b, pdfua1  # noqa: F401 - they register the rules
from tests.pdf.standards.checker import PDFUA1 as PROFILE
from tests.pdf.standards.checker import assert_rule
from tests.pdf.standards.document import Document


def test_5_1_pdf_ua_version_specified_using_pdf_ua(ua: list[Document]) -> None:
    assert_rule(PROFILE, "5-1", ua)


def test_5_2_value_pdfuaid_part_part_number_international_standard(ua: list[Document]) -> None:
    assert_rule(PROFILE, "5-2", ua)


def test_5_3_property_part_pdf_ua_identification_schema_have(ua: list[Document]) -> None:
    assert_rule(PROFILE, "5-3", ua)


def test_5_4_property_amd_pdf_ua_identification_schema_have(ua: list[Document]) -> None:
    assert_rule(PROFILE, "5-4", ua)


def test_5_5_property_corr_pdf_ua_identification_schema_have(ua: list[Document]) -> None:
    assert_rule(PROFILE, "5-5", ua)


def test_6_1_1_file_header_consist_pdf_1_n_followed(ua: list[Document]) -> None:
    assert_rule(PROFILE, "6.1-1", ua)


def test_6_2_1_document_catalog_include_markinfo_dictionary_marked_true(ua: list[Document]) -> None:
    assert_rule(PROFILE, "6.2-1", ua)


def test_7_1_1_content_marked_artifact_present_inside_tagged_content(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.1-1", ua)


def test_7_1_2_tagged_content_present_inside_content_marked_artifact(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.1-2", ua)


def test_7_1_3_content_tagged_structure_tree_marked_artifact(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.1-3", ua)


def test_7_1_4_files_have_suspects_value_false(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.1-4", ua)


def test_7_1_5_non_standard_structure_types_mapped_standard_type(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.1-5", ua)


def test_7_1_6_circular_mapping_exist(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.1-6", ua)


def test_7_1_7_standard_tags_remapped(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.1-7", ua)


def test_7_1_8_catalog_dictionary_contain_metadata_key_metadata_stream(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.1-8", ua)


def test_7_1_9_metadata_stream_contain_dc_title_entry(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.1-9", ua)


def test_7_1_10_viewerpreferences_contain_displaydoctitle_true(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.1-10", ua)


def test_7_1_11_logical_structure_rooted_catalog_s_structtreeroot(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.1-11", ua)


def test_7_1_12_struct_element_contain_p_entry(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.1-12", ua)


def test_7_2_1_font_dictionary_include_tounicode_cmap(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-1", ua)


def test_7_2_2_natural_language_outline_entries_determined(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-2", ua)


def test_7_2_3_table_contain_caption_first_last_kid_tr(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-3", ua)


def test_7_2_4_tr_element_contained_table_thead_tbody_tfoot(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-4", ua)


def test_7_2_5_thead_element_contained_table(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-5", ua)


def test_7_2_6_tbody_element_contained_table(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-6", ua)


def test_7_2_7_tfoot_element_contained_table(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-7", ua)


def test_7_2_8_th_element_contained_tr(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-8", ua)


def test_7_2_9_td_element_contained_tr(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-9", ua)


def test_7_2_10_tr_element_contain_th_td_elements(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-10", ua)


def test_7_2_11_table_element_contain_zero_one_thead_kid(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-11", ua)


def test_7_2_12_table_element_contain_zero_one_tfoot_kid(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-12", ua)


def test_7_2_13_table_contains_tfoot_contain_one_more_tbody(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-13", ua)


def test_7_2_14_table_contains_thead_contain_one_more_tbody(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-14", ua)


def test_7_2_15_table_cell_have_intersection_other_cells(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-15", ua)


def test_7_2_16_table_element_contain_caption_element_first_last(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-16", ua)


def test_7_2_17_li_element_contained_l_element(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-17", ua)


def test_7_2_18_lbody_element_contained_li_element(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-18", ua)


def test_7_2_19_l_element_contain_caption_first_kid_l(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-19", ua)


def test_7_2_20_li_element_contain_lbl_lbody_elements(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-20", ua)


def test_7_2_21_natural_language_text_actualtext_attribute_determined(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-21", ua)


def test_7_2_22_natural_language_text_alt_attribute_determined(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-22", ua)


def test_7_2_23_natural_language_text_e_attribute_determined(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-23", ua)


def test_7_2_24_natural_language_contents_entry_annotations_determined(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-24", ua)


def test_7_2_25_natural_language_tu_key_form_fields_determined(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-25", ua)


def test_7_2_26_toci_element_contained_toc_element(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-26", ua)


def test_7_2_27_toc_element_contain_caption_first_kid_toc(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-27", ua)


def test_7_2_28_toc_element_contain_caption_element_first_kid(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-28", ua)


def test_7_2_29_lang_entry_s_value_language_tag_rfc(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-29", ua)


def test_7_2_30_natural_language_text_span_s_actualtext_determined(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-30", ua)


def test_7_2_31_natural_language_text_span_s_alt_determined(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-31", ua)


def test_7_2_32_natural_language_text_span_s_e_determined(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-32", ua)


def test_7_2_33_natural_language_document_metadata_determined(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-33", ua)


def test_7_2_34_natural_language_text_page_content_determined(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-34", ua)


def test_7_2_36_thead_element_contain_tr_elements(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-36", ua)


def test_7_2_37_tbody_element_contain_tr_elements(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-37", ua)


def test_7_2_38_tfoot_element_contain_tr_elements(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-38", ua)


def test_7_2_39_table_element_contain_one_caption_element(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-39", ua)


def test_7_2_40_l_element_contain_caption_element_first_kid(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-40", ua)


def test_7_2_41_table_columns_have_same_number_rows_taking(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-41", ua)


def test_7_2_42_table_rows_have_same_number_columns_taking(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-42", ua)


def test_7_2_43_table_rows_have_same_number_columns_spans(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.2-43", ua)


def test_7_3_1_figure_tags_include_alternative_representation_replacement_text(
    ua: Document,
) -> None:
    assert_rule(PROFILE, "7.3-1", ua)


def test_7_4_2_1_numbered_headings_h1_first_no_skipped_level(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.4.2-1", ua)


def test_7_4_4_1_each_node_tag_tree_contain_most_one(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.4.4-1", ua)


def test_7_4_4_2_documents_use_both_h_h_tags_h(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.4.4-2", ua)


def test_7_4_4_3_documents_use_both_h_h_tags_h(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.4.4-3", ua)


def test_7_5_1_th_elements_have_scope_attribute_table_s(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.5-1", ua)


def test_7_5_2_td_headers_reference_defined_header_ids(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.5-2", ua)


def test_7_7_1_formula_tags_have_alt_actualtext_attributes(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.7-1", ua)


def test_7_9_1_note_tag_have_id_entry(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.9-1", ua)


def test_7_9_2_each_note_tag_have_unique_id_key(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.9-2", ua)


def test_7_10_1_each_optional_content_configuration_dictionary_contain_name(
    ua: list[Document],
) -> None:
    assert_rule(PROFILE, "7.10-1", ua)


def test_7_10_2_key_appear_optional_content_configuration_dictionary(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.10-2", ua)


def test_7_11_1_file_specification_embedded_file_contain_non_empty(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.11-1", ua)


def test_7_15_1_conforming_file_contain_xfa_forms(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.15-1", ua)


def test_7_16_1_encrypted_file_have_p_encryption_dictionary_bit(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.16-1", ua)


def test_7_18_1_1_annotations_other_than_widget_popup_link_nested(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.18.1-1", ua)


def test_7_18_1_2_such_annotations_have_contents_alt_enclosing_element(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.18.1-2", ua)


def test_7_18_1_3_visible_form_field_have_tu_widgets_alt(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.18.1-3", ua)


def test_7_18_2_1_annotations_subtype_trapnet_permitted(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.18.2-1", ua)


def test_7_18_2_2_annotations_subtype_trapnet_permitted_older_numbering(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.18.2-2", ua)


def test_7_18_3_1_every_page_annotation_have_tabs_set_s(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.18.3-1", ua)


def test_7_18_4_1_widget_annotation_nested_within_form_tag(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.18.4-1", ua)


def test_7_18_4_2_form_element_without_role_attribute_have_one(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.18.4-2", ua)


def test_7_18_5_1_links_tagged_according_14_8_4_4(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.18.5-1", ua)


def test_7_18_5_2_links_contain_alternate_description_via_contents_key(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.18.5-2", ua)


def test_7_18_6_2_1_media_clip_data_have_ct_key_conforming(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.18.6.2-1", ua)


def test_7_18_6_2_2_media_clip_data_have_alt_key(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.18.6.2-2", ua)


def test_7_18_8_1_printermark_annotations_included_logical_structure(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.18.8-1", ua)


def test_7_20_1_conforming_file_contain_reference_xobjects(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.20-1", ua)


def test_7_20_2_form_xobject_mcids_referenced_once(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.20-2", ua)


def test_7_21_3_1_1_type_0_font_cidsysteminfo_compatible_cmap(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.21.3.1-1", ua)


def test_7_21_3_2_1_type_2_cidfonts_contain_cidtogidmap_entry(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.21.3.2-1", ua)


def test_7_21_3_3_1_cmaps_other_than_predefined_ones_embedded(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.21.3.3-1", ua)


def test_7_21_3_3_2_embedded_cmap_s_wmode_match_dictionary_s(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.21.3.3-2", ua)


def test_7_21_3_3_3_cmap_reference_other_cmap_except_predefined_ones(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.21.3.3-3", ua)


def test_7_21_4_1_1_font_programs_fonts_used_rendering_embedded(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.21.4.1-1", ua)


def test_7_21_4_1_2_embedded_fonts_define_glyphs_referenced_rendering(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.21.4.1-2", ua)


def test_7_21_4_1_3_embedded_fonts_define_glyphs_referenced_rendering_older(
    ua: list[Document],
) -> None:
    assert_rule(PROFILE, "7.21.4.1-3", ua)


def test_7_21_4_2_1_type_1_subset_s_charset_list_glyphs(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.21.4.2-1", ua)


def test_7_21_4_2_2_cid_font_subset_s_cidset_identify_cids(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.21.4.2-2", ua)


def test_7_21_5_1_glyph_widths_font_dictionary_embedded_program_consistent(
    ua: list[Document],
) -> None:
    assert_rule(PROFILE, "7.21.5-1", ua)


def test_7_21_6_1_non_symbolic_truetype_fonts_have_non_symbolic(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.21.6-1", ua)


def test_7_21_6_2_non_symbolic_truetype_fonts_use_macroman_winansi(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.21.6-2", ua)


def test_7_21_6_3_symbolic_truetype_fonts_contain_encoding_entry(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.21.6-3", ua)


def test_7_21_6_4_symbolic_truetype_programs_have_one_cmap_3(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.21.6-4", ua)


def test_7_21_7_1_every_font_map_character_codes_used_unicode(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.21.7-1", ua)


def test_7_21_7_2_unicode_values_tounicode_greater_than_0_u(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.21.7-2", ua)


def test_7_21_8_1_document_reference_notdef_glyph_text_showing_operator(ua: list[Document]) -> None:
    assert_rule(PROFILE, "7.21.8-1", ua)
