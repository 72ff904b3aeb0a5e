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
CREATE INDEX `satisfaction_surveys_at` ON `satisfaction_surveys` (`surveyed_at`);--> statement-breakpoint
CREATE TABLE `minutes` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	`form_no` text NOT NULL,
	`customer_id` text NOT NULL,
	`visit_id` text,
	`author_id` text NOT NULL,
	`status` text NOT NULL,
	`title` text,
	`meeting_date` text NOT NULL,
	`meeting_time` text,
	`place` text,
	`our_attendees` text,
	`customer_attendees` text,
	`note_taker` text,
	`customer_situation` text,
	`needs_problems` text,
	`discussion` text,
	`agreements` text,
	`due_date` text NOT NULL,
	`submitted_at` integer,
	`reviewed_at` integer,
	`reviewed_by` text,
	`review_comment` text,
	`sent_at` integer,
	`confirmed_at` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `minutes_customer` ON `minutes` (`customer_id`,`meeting_date`);--> statement-breakpoint
CREATE INDEX `minutes_author` ON `minutes` (`author_id`,`status`);--> statement-breakpoint
CREATE INDEX `minutes_status` ON `minutes` (`status`,`due_date`);--> statement-breakpoint
CREATE INDEX `minutes_visit` ON `minutes` (`visit_id`);--> statement-breakpoint
CREATE TABLE `minutes_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`minutes_id` text NOT NULL,
	`position` integer NOT NULL,
	`content` text NOT NULL,
	`owner_name` text,
	`owner_user_id` text,
	`due_date` text NOT NULL,
	`task_id` text,
	FOREIGN KEY (`minutes_id`) REFERENCES `minutes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `minutes_actions_minutes` ON `minutes_actions` (`minutes_id`,`position`);--> statement-breakpoint
CREATE TABLE `minutes_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`minutes_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`from_status` text,
	`to_status` text NOT NULL,
	`comment` text,
	FOREIGN KEY (`minutes_id`) REFERENCES `minutes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `minutes_steps_minutes` ON `minutes_steps` (`minutes_id`,`at`);--> statement-breakpoint
CREATE TABLE `visit_notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`kind` text NOT NULL,
	`visit_id` text,
	`minutes_id` text,
	`customer_id` text,
	`comment` text,
	`read_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `visit_notifications_user` ON `visit_notifications` (`user_id`,`read_at`,`at`);--> statement-breakpoint
CREATE TABLE `visit_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`visit_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`from_status` text,
	`to_status` text NOT NULL,
	`comment` text,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `visit_steps_visit` ON `visit_steps` (`visit_id`,`at`);--> statement-breakpoint
CREATE TABLE `visits` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	`form_no` text NOT NULL,
	`customer_id` text NOT NULL,
	`salesperson_id` text NOT NULL,
	`status` text NOT NULL,
	`planned_at` integer NOT NULL,
	`duration_minutes` integer DEFAULT 60 NOT NULL,
	`place` text,
	`contact_ids` text DEFAULT '[]' NOT NULL,
	`purpose` text NOT NULL,
	`objectives` text,
	`materials` text DEFAULT '[]' NOT NULL,
	`materials_other` text,
	`chk_appointment` integer DEFAULT false NOT NULL,
	`chk_attire` integer DEFAULT false NOT NULL,
	`chk_materials` integer DEFAULT false NOT NULL,
	`chk_objections` integer DEFAULT false NOT NULL,
	`chk_decision_maker` integer DEFAULT false NOT NULL,
	`submitted_at` integer,
	`decided_at` integer,
	`decided_by` text,
	`decision_comment` text,
	`done_at` integer,
	`visit_no` integer,
	`result_summary` text,
	`result_outcome` text,
	`next_step` text,
	`next_follow_up_at` integer,
	`activity_id` text,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`salesperson_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `visits_customer` ON `visits` (`customer_id`,`planned_at`);--> statement-breakpoint
CREATE INDEX `visits_salesperson` ON `visits` (`salesperson_id`,`planned_at`);--> statement-breakpoint
CREATE INDEX `visits_status` ON `visits` (`status`,`planned_at`);--> statement-breakpoint
CREATE INDEX `visits_planned` ON `visits` (`planned_at`);--> statement-breakpoint
CREATE TABLE `abc_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`total` integer NOT NULL,
	`min_a` integer,
	`above_a` integer NOT NULL,
	`min_b` integer,
	`above_b` integer NOT NULL,
	`a_percent` integer NOT NULL,
	`b_percent` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `customer_sales` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`order_count` integer DEFAULT 0 NOT NULL,
	`total_amount` integer DEFAULT 0 NOT NULL,
	`received_amount` integer DEFAULT 0 NOT NULL,
	`first_order_on` text,
	`last_order_on` text,
	`interval_days` real,
	`period_amount` integer DEFAULT 0 NOT NULL,
	`period_order_count` integer DEFAULT 0 NOT NULL,
	`grade` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `customer_sales_period` ON `customer_sales` (`period_amount`,`grade`);--> statement-breakpoint
CREATE INDEX `customer_sales_grade` ON `customer_sales` (`grade`,`period_amount`);--> statement-breakpoint
CREATE TABLE `grade_history` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`grade` text,
	`from_grade` text,
	`at` integer NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`period_amount` integer NOT NULL,
	`share` real NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `grade_history_customer` ON `grade_history` (`customer_id`,`at`);--> statement-breakpoint
CREATE INDEX `grade_history_at` ON `grade_history` (`at`);--> statement-breakpoint
CREATE TABLE `order_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`product` text NOT NULL,
	`product_key` text NOT NULL,
	`quantity` real NOT NULL,
	`unit_price` integer NOT NULL,
	`amount` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `order_lines_order` ON `order_lines` (`order_id`,`line_no`);--> statement-breakpoint
CREATE INDEX `order_lines_product` ON `order_lines` (`product_key`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	`customer_id` text NOT NULL,
	`order_date` text NOT NULL,
	`contract_no` text DEFAULT '' NOT NULL,
	`salesperson_id` text,
	`amount` integer NOT NULL,
	`received` integer DEFAULT 0 NOT NULL,
	`due_date` text NOT NULL,
	`notes` text,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`salesperson_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `orders_customer_date` ON `orders` (`customer_id`,`order_date`,`amount`,`received`);--> statement-breakpoint
CREATE INDEX `orders_date` ON `orders` (`order_date`,`salesperson_id`,`customer_id`,`amount`,`received`);--> statement-breakpoint
CREATE INDEX `orders_salesperson_date` ON `orders` (`salesperson_id`,`order_date`,`customer_id`,`amount`,`received`);--> statement-breakpoint
CREATE INDEX `orders_open` ON `orders` (`due_date`,`customer_id`,`salesperson_id`,`amount`,`received`,`order_date`,`id`) WHERE received < amount;--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	`order_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`paid_on` text NOT NULL,
	`amount` integer NOT NULL,
	`notes` text,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payments_order` ON `payments` (`order_id`,`paid_on`);--> statement-breakpoint
CREATE INDEX `payments_customer` ON `payments` (`customer_id`);--> statement-breakpoint
CREATE INDEX `payments_paid_on` ON `payments` (`paid_on`);--> statement-breakpoint
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