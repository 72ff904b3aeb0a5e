CREATE TABLE `import_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`user_id` text NOT NULL,
	`file_name` text NOT NULL,
	`sheet_name` text,
	`source` text,
	`counts` text NOT NULL,
	`filled` text DEFAULT '{}' NOT NULL,
	`undone_at` integer,
	`undone_by` text
);
--> statement-breakpoint
CREATE INDEX `import_batches_at` ON `import_batches` (`at`);--> statement-breakpoint
DROP INDEX `customers_deleted`;--> statement-breakpoint
CREATE INDEX `customers_in_bin` ON `customers` (`deleted_at`) WHERE deleted_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `customers_live_updated` ON `customers` (`updated_at`) WHERE deleted_at IS NULL AND merged_into IS NULL;--> statement-breakpoint
CREATE INDEX `customers_live_status` ON `customers` (`status`,`updated_at`) WHERE deleted_at IS NULL AND merged_into IS NULL;--> statement-breakpoint
CREATE INDEX `customers_live_owner` ON `customers` (`owner_id`,`updated_at`) WHERE deleted_at IS NULL AND merged_into IS NULL;--> statement-breakpoint
CREATE INDEX `customers_import_batch` ON `customers` (`import_batch_id`);--> statement-breakpoint
CREATE INDEX `contacts_phone` ON `contacts` (`phone`);