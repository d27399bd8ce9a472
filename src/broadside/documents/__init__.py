"""The outputs a build makes, each from a campaign: the registry, the brief, the flyer, handouts."""
