DROP INDEX `orders_open_due`;--> statement-breakpoint
DROP INDEX `orders_customer_date`;--> statement-breakpoint
DROP INDEX `orders_date`;--> statement-breakpoint
DROP INDEX `orders_salesperson_date`;--> statement-breakpoint
CREATE INDEX `orders_open` ON `orders` (`due_date`,`customer_id`,`salesperson_id`,`amount`,`received`) WHERE received < amount;--> statement-breakpoint
CREATE INDEX `orders_customer_date` ON `orders` (`customer_id`,`order_date`,`amount`,`received`);--> statement-breakpoint
CREATE INDEX `orders_date` ON `orders` (`order_date`,`amount`,`received`);--> statement-breakpoint
CREATE INDEX `orders_salesperson_date` ON `orders` (`salesperson_id`,`order_date`,`amount`,`received`);