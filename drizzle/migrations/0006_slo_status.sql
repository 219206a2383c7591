CREATE TABLE `slo_status` (
	`sla_id` bigint unsigned NOT NULL,
	`fingerprint` char(16) NOT NULL,
	`at` datetime NOT NULL,
	`sort_remaining` double NOT NULL,
	`report` json NOT NULL,
	`alerts` json NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `slo_status_sla_id` PRIMARY KEY(`sla_id`)
);
--> statement-breakpoint
CREATE INDEX `slo_status_remaining_idx` ON `slo_status` (`sort_remaining`,`sla_id`);