"""PDF/A-3B: one test per rule of veraPDF's profile, run on every PDF in conftest.py at once.

A failure names the rule (its veraPDF number and description), the PDF and what is wrong.
"""

from __future__ import annotations

from tests.pdf.standards import pdfa3b, pdfua1  # noqa: F401 - they register the rules
from tests.pdf.standards.checker import PDFA3B as PROFILE
from tests.pdf.standards.checker import assert_rule
from tests.pdf.standards.document import Document


def test_6_1_2_1_file_header_begin_byte_zero_pdf_1(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.1.2-1", pdfa)


def test_6_1_2_2_header_eol_followed_least_four_bytes_above(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.1.2-2", pdfa)


def test_6_1_3_1_file_trailer_contain_id_keyword_file_identifiers(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.1.3-1", pdfa)


def test_6_1_3_2_keyword_encrypt_used_trailer_dictionary(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.1.3-2", pdfa)


def test_6_1_3_3_no_data_follow_last_end_file_marker(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.1.3-3", pdfa)


def test_6_1_4_2_xref_keyword_cross_reference_subsection_header_separated(
    pdfa: list[Document],
) -> None:
    assert_rule(PROFILE, "6.1.4-2", pdfa)


def test_6_1_6_1_hexadecimal_strings_contain_even_number_non_white(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.1.6-1", pdfa)


def test_6_1_6_2_hexadecimal_string_written_hexadecimal_digits(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.1.6-2", pdfa)


def test_6_1_7_1_stream_s_length_match_bytes_between_stream(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.1.7-1", pdfa)


def test_6_1_7_2_stream_followed_crlf_lf_endstream_preceded_eol(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.1.7-2", pdfa)


def test_6_1_7_3_stream_dictionary_contain_f_ffilter_fdecodeparms_keys(
    pdfa: list[Document],
) -> None:
    assert_rule(PROFILE, "6.1.7-3", pdfa)


def test_6_1_7_4_standard_filters_used_lzwdecode_crypt_identity(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.1.7-4", pdfa)


def test_6_1_8_1_font_colourant_structure_type_names_valid_utf(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.1.8-1", pdfa)


def test_6_1_9_1_object_number_generation_obj_separated_single_spaces(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.1.9-1", pdfa)


def test_6_1_10_1_inline_image_filters_lzw_crypt_non_standard(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.1.10-1", pdfa)


def test_6_1_13_1_no_integer_greater_than_2147483647_less_than(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.1.13-1", pdfa)


def test_6_1_13_2_no_real_number_outside_range_3_403(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.1.13-2", pdfa)


def test_6_1_13_3_no_string_longer_than_32767_bytes(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.1.13-3", pdfa)


def test_6_1_13_4_no_name_longer_than_127_bytes(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.1.13-4", pdfa)


def test_6_1_13_5_no_real_number_closer_zero_than_1(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.1.13-5", pdfa)


def test_6_1_13_7_no_more_than_8388607_indirect_objects(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.1.13-7", pdfa)


def test_6_1_13_8_q_q_pairs_nest_more_than_28(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.1.13-8", pdfa)


def test_6_1_13_9_no_devicen_colour_space_more_than_32(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.1.13-9", pdfa)


def test_6_1_13_10_no_cid_value_greater_than_65535(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.1.13-10", pdfa)


def test_6_1_13_11_page_boundaries_between_3_14400_units_either(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.1.13-11", pdfa)


def test_6_2_2_1_content_streams_contain_operators_defined_iso_32000(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.2-1", pdfa)


def test_6_2_2_2_content_stream_have_explicitly_associated_resources_dictionary(
    pdfa: Document,
) -> None:
    assert_rule(PROFILE, "6.2.2-2", pdfa)


def test_6_2_3_1_output_intent_s_profile_output_monitor_profile(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.3-1", pdfa)


def test_6_2_3_2_output_intents_destoutputprofile_share_same_profile_object(
    pdfa: list[Document],
) -> None:
    assert_rule(PROFILE, "6.2.3-2", pdfa)


def test_6_2_3_3_destoutputprofileref_key_present_output_intent(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.3-3", pdfa)


def test_6_2_4_2_1_iccbased_profiles_valid_icc_profiles_supported_kind(
    pdfa: list[Document],
) -> None:
    assert_rule(PROFILE, "6.2.4.2-1", pdfa)


def test_6_2_4_2_2_overprint_mode_1_iccbased_cmyk_overprinting(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.4.2-2", pdfa)


def test_6_2_4_3_2_devicergb_used_rgb_pdf_output_intent_defaultrgb(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.4.3-2", pdfa)


def test_6_2_4_3_3_devicecmyk_used_cmyk_pdf_output_intent_defaultcmyk(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.4.3-3", pdfa)


def test_6_2_4_3_4_devicegray_used_pdf_output_intent_defaultgray(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.4.3-4", pdfa)


def test_6_2_4_4_1_every_spot_colour_devicen_space_have_colorants(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.4.4-1", pdfa)


def test_6_2_4_4_2_separations_same_name_have_same_tint_transform(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.4.4-2", pdfa)


def test_6_2_5_1_extgstate_dictionary_contain_tr_key(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.5-1", pdfa)


def test_6_2_5_2_extgstate_contain_tr2_other_than_default(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.5-2", pdfa)


def test_6_2_5_3_extgstate_dictionary_contain_htp_key(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.5-3", pdfa)


def test_6_2_5_4_halftones_have_halftonetype_1_5(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.5-4", pdfa)


def test_6_2_5_5_halftones_contain_halftonename_key(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.5-5", pdfa)


def test_6_2_6_1_rendering_intents_one_four_defined(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.6-1", pdfa)


def test_6_2_8_1_image_dictionary_contain_alternates_key(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.8-1", pdfa)


def test_6_2_8_2_image_dictionary_contain_opi_key(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.8-2", pdfa)


def test_6_2_8_3_image_dictionary_contains_interpolate_value_false(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.8-3", pdfa)


def test_6_2_8_3_1_jpeg2000_data_have_1_3_4_colour(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.8.3-1", pdfa)


def test_6_2_8_3_2_jpeg2000_several_colour_specifications_have_exactly_one(
    pdfa: list[Document],
) -> None:
    assert_rule(PROFILE, "6.2.8.3-2", pdfa)


def test_6_2_8_3_3_jpeg2000_colr_box_meth_0x01_0x02_0x03(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.8.3-3", pdfa)


def test_6_2_8_3_4_jpeg2000_enumerated_colour_space_19_ciejab_used(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.8.3-4", pdfa)


def test_6_2_8_3_5_jpeg2000_bit_depth_1_38_same_every(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.8.3-5", pdfa)


def test_6_2_9_1_form_xobject_contain_opi_subtype2_ps_ps(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.9-1", pdfa)


def test_6_2_9_2_conforming_file_contain_reference_xobjects(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.9-2", pdfa)


def test_6_2_9_3_conforming_file_contain_postscript_xobjects(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.9-3", pdfa)


def test_6_2_10_1_blend_modes_specified_iso_32000_1_used(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.10-1", pdfa)


def test_6_2_10_2_without_output_intent_pages_transparency_have_group(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.10-2", pdfa)


def test_6_2_11_2_1_font_dictionary_s_type_font(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.11.2-1", pdfa)


def test_6_2_11_2_2_font_s_subtype_defined_font_type(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.11.2-2", pdfa)


def test_6_2_11_2_3_font_except_type_3_have_basefont_name(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.11.2-3", pdfa)


def test_6_2_11_2_4_non_standard_simple_font_have_firstchar(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.11.2-4", pdfa)


def test_6_2_11_2_5_non_standard_simple_font_have_lastchar(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.11.2-5", pdfa)


def test_6_2_11_2_6_non_standard_simple_font_have_widths_lastchar(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.11.2-6", pdfa)


def test_6_2_11_3_1_type_0_font_cidsysteminfo_compatible_cmap(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.11.3-1", pdfa)


def test_6_2_11_3_2_type_2_cidfonts_contain_cidtogidmap_entry(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.11.3-2", pdfa)


def test_6_2_11_3_3_cmaps_other_than_predefined_ones_embedded(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.11.3-3", pdfa)


def test_6_2_11_3_4_embedded_cmap_s_wmode_match_dictionary_s(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.11.3-4", pdfa)


def test_6_2_11_4_1_font_programs_fonts_used_rendering_embedded(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.11.4-1", pdfa)


def test_6_2_11_4_2_embedded_fonts_define_glyphs_referenced_rendering(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.11.4-2", pdfa)


def test_6_2_11_4_3_type_1_subset_s_charset_list_glyphs(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.11.4-3", pdfa)


def test_6_2_11_4_4_cid_font_subset_s_cidset_identify_cids(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.11.4-4", pdfa)


def test_6_2_11_5_1_glyph_widths_font_dictionary_program_consistent(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.11.5-1", pdfa)


def test_6_2_11_6_1_non_symbolic_truetype_programs_have_usable_cmap(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.11.6-1", pdfa)


def test_6_2_11_6_2_non_symbolic_truetype_fonts_use_macroman_winansi(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.11.6-2", pdfa)


def test_6_2_11_6_3_symbolic_truetype_fonts_contain_encoding_entry(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.11.6-3", pdfa)


def test_6_2_11_6_4_symbolic_truetype_programs_have_one_cmap_3(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.11.6-4", pdfa)


def test_6_2_11_8_1_document_reference_notdef_glyph(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.2.11.8-1", pdfa)


def test_6_3_1_1_annotation_types_defined_iso_32000_1_3d(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.3.1-1", pdfa)


def test_6_3_2_1_except_popup_annotations_annotation_dictionaries_contain_f(
    pdfa: list[Document],
) -> None:
    assert_rule(PROFILE, "6.3.2-1", pdfa)


def test_6_3_2_2_print_flag_set_hidden_invisible_togglenoview_noview(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.3.2-2", pdfa)


def test_6_3_2_3_text_annotations_set_nozoom_norotate_flags(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.3.2-3", pdfa)


def test_6_3_3_1_annotations_other_than_popup_link_zero_size(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.3.3-1", pdfa)


def test_6_3_3_2_appearance_dictionary_contain_n_right_type(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.3.3-2", pdfa)


def test_6_4_1_1_widget_annotation_contain_aa_keys(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.4.1-1", pdfa)


def test_6_4_1_2_form_field_dictionary_contain_aa_key(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.4.1-2", pdfa)


def test_6_4_1_3_needappearances_absent_false(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.4.1-3", pdfa)


def test_6_4_2_1_interactive_form_dictionary_contain_xfa_key(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.4.2-1", pdfa)


def test_6_4_2_2_document_s_catalog_contain_needsrendering_key(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.4.2-2", pdfa)


def test_6_5_1_1_launch_sound_movie_resetform_importdata_hide_setocgstate(
    pdfa: list[Document],
) -> None:
    assert_rule(PROFILE, "6.5.1-1", pdfa)


def test_6_5_1_2_named_actions_other_than_nextpage_prevpage_firstpage(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.5.1-2", pdfa)


def test_6_5_2_1_document_s_catalog_include_aa_entry(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.5.2-1", pdfa)


def test_6_5_2_2_page_dictionary_include_aa_entry(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.5.2-2", pdfa)


def test_6_6_2_1_1_catalog_contain_metadata_key_whose_value_metadata(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.6.2.1-1", pdfa)


def test_6_6_2_1_2_bytes_attribute_used_header_xmp_packet(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.6.2.1-2", pdfa)


def test_6_6_2_1_3_encoding_attribute_used_header_xmp_packet(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.6.2.1-3", pdfa)


def test_6_6_2_1_4_xmp_packets_well_formed_xml_rdf(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.6.2.1-4", pdfa)


def test_6_6_2_3_1_extension_schemas_use_container_schema_every_required(
    pdfa: list[Document],
) -> None:
    assert_rule(PROFILE, "6.6.2.3-1", pdfa)


def test_6_6_2_3_2_extension_schema_container_bag_prefix_pdfaextension(
    pdfa: list[Document],
) -> None:
    assert_rule(PROFILE, "6.6.2.3-2", pdfa)


def test_6_6_2_3_3_each_extension_schema_has_text_schema_uri(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.6.2.3-3", pdfa)


def test_6_6_2_3_4_each_extension_property_has_name_valuetype_category(
    pdfa: list[Document],
) -> None:
    assert_rule(PROFILE, "6.6.2.3-4", pdfa)


def test_6_6_2_3_5_extension_value_types_are_described_pdfatype_fields(
    pdfa: list[Document],
) -> None:
    assert_rule(PROFILE, "6.6.2.3-5", pdfa)


def test_6_6_2_3_6_extension_value_type_fields_are_described_pdfafield(
    pdfa: list[Document],
) -> None:
    assert_rule(PROFILE, "6.6.2.3-6", pdfa)


def test_6_6_2_3_7_xmp_properties_predefined_described_extension_schema_right(
    pdfa: Document,
) -> None:
    assert_rule(PROFILE, "6.6.2.3-7", pdfa)


def test_6_6_4_1_pdf_version_specified_using_pdf_identification_extension(
    pdfa: list[Document],
) -> None:
    assert_rule(PROFILE, "6.6.4-1", pdfa)


def test_6_6_4_2_value_pdfaid_part_3(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.6.4-2", pdfa)


def test_6_6_4_3_pdfaid_conformance_b_u(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.6.4-3", pdfa)


def test_6_6_4_4_pdf_identification_properties_use_prefix_pdfaid(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.6.4-4", pdfa)


def test_6_8_1_mime_type_embedded_file_given_subtype_key(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.8-1", pdfa)


def test_6_8_2_file_specification_embedded_file_contain_f_uf(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.8-2", pdfa)


def test_6_8_3_file_specification_embedded_file_contain_afrelationship(
    pdfa: list[Document],
) -> None:
    assert_rule(PROFILE, "6.8-3", pdfa)


def test_6_8_4_embedded_file_associated_document_one_parts_af(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.8-4", pdfa)


def test_6_9_1_each_optional_content_configuration_contain_name_key(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.9-1", pdfa)


def test_6_9_2_optional_content_configuration_names_unique(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.9-2", pdfa)


def test_6_9_3_order_array_reference_ocgs(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.9-3", pdfa)


def test_6_9_4_key_appear_optional_content_configuration(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.9-4", pdfa)


def test_6_10_1_there_no_alternatepresentations_entry_name_dictionary(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.10-1", pdfa)


def test_6_10_2_there_no_pressteps_entry_page_dictionary(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.10-2", pdfa)


def test_6_11_1_document_catalog_contain_requirements_key(pdfa: list[Document]) -> None:
    assert_rule(PROFILE, "6.11-1", pdfa)
