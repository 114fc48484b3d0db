-- Change "comment_moderation", step 1 of 2: comments wait for moderation
-- (config: moderation). The new release writes 'pending' for new comments;
-- NULL marks comments written before moderation existed.
ALTER TABLE blog_comments ADD COLUMN moderation_state TEXT
    CHECK (moderation_state IS NULL OR moderation_state IN ('pending', 'approved', 'hidden'));
ALTER TABLE blog_comments ADD COLUMN moderated_at TEXT;
