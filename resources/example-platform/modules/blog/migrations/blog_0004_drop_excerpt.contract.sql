-- Excerpts are generated from the content since 1.0.0; the column has not
-- been written since. Drop it.
ALTER TABLE blog_posts DROP COLUMN excerpt;
