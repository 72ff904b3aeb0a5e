CREATE TABLE `contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	`customer_id` text NOT NULL,
	`name` text NOT NULL,
	`title` text,
	`is_decision_maker` integer DEFAULT false NOT NULL,
	`decision_role` text,
	`mobile` text,
	`phone` text,
	`email` text,
	`wechat` text,
	`birthday` text,
	`birthday_lunar` integer DEFAULT false NOT NULL,
	`home_address` text,
	`hobbies` text,
	`personality` text,
	`education` text,
	`family` text,
	`notes` text,
	`deleted_at` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contacts_customer` ON `contacts` (`customer_id`);--> statement-breakpoint
CREATE INDEX `contacts_mobile` ON `contacts` (`mobile`);--> statement-breakpoint
CREATE TABLE `customer_events` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`kind` text NOT NULL,
	`data` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customer_events_customer` ON `customer_events` (`customer_id`,`at`);--> statement-breakpoint
CREATE TABLE `customer_merges` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`survivor_id` text NOT NULL,
	`merged_id` text NOT NULL,
	`survivor_before` text NOT NULL,
	`moved` text NOT NULL,
	`undone_at` integer,
	`undone_by` text
);
--> statement-breakpoint
CREATE TABLE `customer_tags` (
	`customer_id` text NOT NULL,
	`tag_id` text NOT NULL,
	PRIMARY KEY(`customer_id`, `tag_id`),
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `customer_tags_tag` ON `customer_tags` (`tag_id`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`short_name` text,
	`credit_code` text,
	`legal_rep` text,
	`industry` text,
	`staff_size` text,
	`registered_capital` real,
	`registered_capital_currency` text,
	`founded_on` text,
	`description` text,
	`credit_rating` text,
	`source` text,
	`owner_id` text,
	`province_code` text,
	`city_code` text,
	`district_code` text,
	`address` text,
	`website` text,
	`phone` text,
	`email` text,
	`bank_name` text,
	`bank_account` text,
	`tax_id` text,
	`credit_status` text,
	`purchase_habits` text,
	`purchase_cycle` text,
	`preferences` text,
	`interests` text,
	`notes` text,
	`status` text DEFAULT 'potential' NOT NULL,
	`lost_reason` text,
	`lost_at` integer,
	`grade` text,
	`tier` text,
	`vip_level` integer,
	`assigned_at` integer,
	`first_contact_at` integer,
	`last_contact_at` integer,
	`next_follow_up_at` integer,
	`import_batch_id` text,
	`deleted_at` integer,
	`deleted_by` text,
	`merged_into` text,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `customers_name_key` ON `customers` (`name_key`);--> statement-breakpoint
CREATE INDEX `customers_name` ON `customers` (`name`);--> statement-breakpoint
CREATE INDEX `customers_credit_code` ON `customers` (`credit_code`);--> statement-breakpoint
CREATE INDEX `customers_phone` ON `customers` (`phone`);--> statement-breakpoint
CREATE INDEX `customers_owner` ON `customers` (`owner_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `customers_status` ON `customers` (`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `customers_updated` ON `customers` (`updated_at`);--> statement-breakpoint
CREATE INDEX `customers_created` ON `customers` (`created_at`);--> statement-breakpoint
CREATE INDEX `customers_region` ON `customers` (`province_code`,`city_code`);--> statement-breakpoint
CREATE INDEX `customers_deleted` ON `customers` (`deleted_at`);--> statement-breakpoint
CREATE TABLE `tags` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	`name` text NOT NULL,
	`color` text DEFAULT 'blue' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tags_name` ON `tags` (`name`);--> statement-breakpoint
CREATE TABLE `user_prefs` (
	`user_id` text NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_prefs_user_key` ON `user_prefs` (`user_id`,`key`);