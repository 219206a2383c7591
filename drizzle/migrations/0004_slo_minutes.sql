CREATE TABLE `sla_minutes` (
	`sla_id` bigint unsigned NOT NULL,
	`minute` datetime NOT NULL,
	`fingerprint` char(16) NOT NULL,
	`good` int unsigned NOT NULL,
	`bad` int unsigned NOT NULL,
	CONSTRAINT `sla_minutes_pk` PRIMARY KEY(`sla_id`,`minute`)
);
--> statement-breakpoint
ALTER TABLE `slas` ADD `objective_target` double;--> statement-breakpoint
ALTER TABLE `slas` ADD `objective_window` enum('7d','28d','30d','week','month');