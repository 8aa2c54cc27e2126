"""Browser and output tests of the theme on a published build of the sample site."""
