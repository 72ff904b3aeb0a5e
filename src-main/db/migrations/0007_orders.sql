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
CREATE INDEX `customer_sales_grade` ON `customer_sales` (`grade`,`period_amount`);