CREATE TABLE `sales_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`plan` text DEFAULT '' NOT NULL,
	`figures` text DEFAULT '{}' NOT NULL,
	`manager_comment` text,
	`commented_by` text,
	`commented_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`commented_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sales_reports_user_period` ON `sales_reports` (`user_id`,`kind`,`period_start`);--> statement-breakpoint
CREATE INDEX `sales_reports_period` ON `sales_reports` (`kind`,`period_start`);--> statement-breakpoint
CREATE TABLE `exchange_conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`table_name` text NOT NULL,
	`record_id` text NOT NULL,
	`reason` text NOT NULL,
	`peer_node` text NOT NULL,
	`remote` text NOT NULL,
	`remote_vv` text NOT NULL,
	`remote_hlc` integer NOT NULL,
	`remote_deleted` integer DEFAULT 0 NOT NULL,
	`other_id` text,
	`import_id` text NOT NULL,
	`resolved_at` integer,
	`resolved_by` text,
	`resolution` text
);
--> statement-breakpoint
CREATE INDEX `exchange_conflicts_open` ON `exchange_conflicts` (`resolved_at`,`table_name`,`record_id`);--> statement-breakpoint
CREATE TABLE `exchange_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`user_id` text,
	`kind` text NOT NULL,
	`peer_node` text,
	`peer_label` text,
	`file_name` text NOT NULL,
	`counts` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `exchange_log_at` ON `exchange_log` (`at`);--> statement-breakpoint
CREATE TABLE `exchange_peers` (
	`node_id` text PRIMARY KEY NOT NULL,
	`label` text DEFAULT '' NOT NULL,
	`received_seq` integer DEFAULT 0 NOT NULL,
	`acked_seq` integer DEFAULT 0 NOT NULL,
	`last_import_at` integer,
	`last_export_at` integer
);
--> statement-breakpoint
CREATE TABLE `exchange_stamps` (
	`table_name` text NOT NULL,
	`record_id` text NOT NULL,
	`vv` text NOT NULL,
	`hlc` integer NOT NULL,
	`node` text NOT NULL,
	`seq` integer NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`table_name`, `record_id`)
);
--> statement-breakpoint
CREATE INDEX `exchange_stamps_seq` ON `exchange_stamps` (`seq`);--> statement-breakpoint
CREATE INDEX `exchange_stamps_hlc` ON `exchange_stamps` (`hlc`);