-- Blog posts and comments.
CREATE TABLE blog_posts (
    id            TEXT PRIMARY KEY,
    tenant_id     TEXT NOT NULL,
    author_id     TEXT NOT NULL,
    slug          TEXT NOT NULL,
    title         TEXT NOT NULL,
    excerpt       TEXT,
    content       TEXT NOT NULL DEFAULT '',
    cover_media   TEXT,
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
    published_at  TEXT,
    created_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (tenant_id, slug)
);

CREATE TABLE blog_comments (
    id            TEXT PRIMARY KEY,
    tenant_id     TEXT NOT NULL,
    post_id       TEXT NOT NULL REFERENCES blog_posts (id) ON DELETE CASCADE,
    author_name   TEXT NOT NULL,
    body          TEXT NOT NULL,
    created_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX blog_posts_tenant_published ON blog_posts (tenant_id, status, published_at);
CREATE INDEX blog_comments_tenant_post ON blog_comments (tenant_id, post_id);
