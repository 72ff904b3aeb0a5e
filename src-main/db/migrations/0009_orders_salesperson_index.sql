DROP INDEX `orders_salesperson_date`;--> statement-breakpoint
CREATE INDEX `orders_salesperson_date` ON `orders` (`salesperson_id`,`order_date`,`customer_id`,`amount`,`received`);