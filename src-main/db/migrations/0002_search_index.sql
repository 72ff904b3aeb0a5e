-- Customer search index (src-main/db/searchIndex.ts explains the design; its
-- triggers keep these tables right and are installed on every open).
-- The backfill below indexes customers and contacts that exist already; it uses
-- the tuoke_* SQL functions registered on the connection before migrations run.
CREATE TABLE `search_docs` (
	`docid` integer PRIMARY KEY NOT NULL,
	`kind` integer NOT NULL,
	`ref_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`name` text NOT NULL,
	`alias` text NOT NULL,
	`pinyin` text NOT NULL,
	`initials` text NOT NULL,
	`phones` text NOT NULL,
	`code` text NOT NULL,
	`address` text NOT NULL
);--> statement-breakpoint
CREATE UNIQUE INDEX `search_docs_ref` ON `search_docs` (`ref_id`);--> statement-breakpoint
CREATE TABLE `search_keys` (
	`key` text NOT NULL,
	`docid` integer NOT NULL,
	PRIMARY KEY (`key`, `docid`)
) WITHOUT ROWID;--> statement-breakpoint
CREATE VIRTUAL TABLE `search_trgm_name` USING fts5(name, alias, pinyin, initials, content='search_docs', content_rowid='docid', columnsize=0, tokenize='trigram');--> statement-breakpoint
CREATE VIRTUAL TABLE `search_trgm_other` USING fts5(phones, code, address, content='search_docs', content_rowid='docid', columnsize=0, tokenize='trigram');--> statement-breakpoint
CREATE VIRTUAL TABLE `search_grams_name` USING fts5(grams, content='', contentless_delete=1, tokenize='unicode61', detail='none');--> statement-breakpoint
CREATE VIRTUAL TABLE `search_grams_address` USING fts5(grams, content='', contentless_delete=1, tokenize='unicode61', detail='none');--> statement-breakpoint
CREATE TABLE `search_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);--> statement-breakpoint
INSERT INTO search_docs (docid, kind, ref_id, customer_id, name, alias, pinyin, initials, phones, code, address) SELECT row_number() OVER (ORDER BY c.rowid), 1, c.id, c.id, tuoke_search_text(c.name), tuoke_search_text(c.short_name), tuoke_pinyin_full(c.name), tuoke_pinyin_initials(c.name), tuoke_phones(c.phone), tuoke_credit_code(c.credit_code), tuoke_search_text(c.address) FROM customers c WHERE c.deleted_at IS NULL AND c.merged_into IS NULL;--> statement-breakpoint
INSERT INTO search_docs (docid, kind, ref_id, customer_id, name, alias, pinyin, initials, phones, code, address) SELECT 1099511627776 + row_number() OVER (ORDER BY p.rowid), 2, p.id, p.customer_id, tuoke_search_text(p.name), '', tuoke_person_pinyin_full(p.name), tuoke_person_pinyin_initials(p.name), tuoke_phones(p.mobile, p.phone), '', '' FROM contacts p WHERE p.deleted_at IS NULL;--> statement-breakpoint
INSERT INTO search_trgm_name (search_trgm_name) VALUES ('rebuild');--> statement-breakpoint
INSERT INTO search_trgm_other (search_trgm_other) VALUES ('rebuild');--> statement-breakpoint
INSERT INTO search_grams_name (rowid, grams) SELECT d.docid, tuoke_ngrams(d.name, d.alias) FROM search_docs d;--> statement-breakpoint
INSERT INTO search_grams_address (rowid, grams) SELECT d.docid, tuoke_ngrams(d.address) FROM search_docs d WHERE d.address <> '';--> statement-breakpoint
INSERT OR IGNORE INTO search_keys (key, docid) SELECT j.value, d.docid FROM search_docs d, json_each(tuoke_search_keys(d.kind, d.name, d.alias, d.pinyin, d.initials, d.phones, d.code)) j;--> statement-breakpoint
INSERT INTO search_meta (key, value) VALUES ('version', '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value;
