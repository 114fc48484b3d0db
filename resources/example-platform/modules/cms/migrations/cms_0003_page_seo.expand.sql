-- SEO fields for pages. Both nullable: the storefront falls back to title and body.
ALTER TABLE cms_pages ADD COLUMN meta_title TEXT;
ALTER TABLE cms_pages ADD COLUMN meta_description TEXT;
