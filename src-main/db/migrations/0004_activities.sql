CREATE TABLE `activities` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	`customer_id` text NOT NULL,
	`contact_id` text,
	`user_id` text NOT NULL,
	`type` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`summary` text NOT NULL,
	`outcome` text,
	`next_step` text,
	`next_follow_up_at` integer,
	`complaint` integer DEFAULT false NOT NULL,
	`severity` text,
	`complaint_status` text,
	`resolution` text,
	`resolved_at` integer,
	`source_type` text,
	`source_id` text,
	`deleted_at` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `activities_customer` ON `activities` (`customer_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `activities_occurred` ON `activities` (`occurred_at`);--> statement-breakpoint
CREATE INDEX `activities_user` ON `activities` (`user_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `activities_source` ON `activities` (`source_type`,`source_id`);--> statement-breakpoint
CREATE TABLE `follow_up_tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	`customer_id` text NOT NULL,
	`assignee_id` text NOT NULL,
	`title` text NOT NULL,
	`notes` text,
	`due_at` integer NOT NULL,
	`source_type` text DEFAULT 'manual' NOT NULL,
	`source_id` text,
	`status` text DEFAULT 'open' NOT NULL,
	`done_at` integer,
	`done_by` text,
	`snooze_count` integer DEFAULT 0 NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `follow_up_tasks_assignee` ON `follow_up_tasks` (`assignee_id`,`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `follow_up_tasks_customer` ON `follow_up_tasks` (`customer_id`,`due_at`);--> statement-breakpoint
CREATE INDEX `follow_up_tasks_source` ON `follow_up_tasks` (`source_type`,`source_id`);--> statement-breakpoint
CREATE TABLE `satisfaction_surveys` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	`customer_id` text NOT NULL,
	`contact_id` text,
	`surveyed_at` integer NOT NULL,
	`quality` integer NOT NULL,
	`delivery` integer NOT NULL,
	`service` integer NOT NULL,
	`brand` integer NOT NULL,
	`comments` text,
	`deleted_at` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `satisfaction_surveys_customer` ON `satisfaction_surveys` (`customer_id`,`surveyed_at`);--> statement-breakpoint
CREATE INDEX `satisfaction_surveys_at` ON `satisfaction_surveys` (`surveyed_at`);