"""End-to-end tests: the main job walked in Debian's chromium through Playwright."""
