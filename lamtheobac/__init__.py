"""lamtheobac: học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh."""
