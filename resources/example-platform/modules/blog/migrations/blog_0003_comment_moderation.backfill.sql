-- Change "comment_moderation", step 2 of 2: comments from before moderation
-- were already visible, so approve them. Only NULL states are touched, so a
-- rerun changes nothing and never approves a genuinely pending comment.
UPDATE blog_comments
SET moderation_state = 'approved',
    moderated_at = created_at
WHERE moderation_state IS NULL
  AND tenant_id IS NOT NULL;
