CREATE TABLE `sla_series_hours` (
	`sla_id` bigint unsigned NOT NULL,
	`hour` datetime NOT NULL,
	`series` char(16) NOT NULL,
	`fingerprint` char(16) NOT NULL,
	`good` smallint unsigned NOT NULL,
	`bad` smallint unsigned NOT NULL,
	CONSTRAINT `sla_series_hours_pk` PRIMARY KEY(`sla_id`,`hour`,`series`)
);
--> statement-breakpoint
CREATE TABLE `sla_series_labels` (
	`sla_id` bigint unsigned NOT NULL,
	`series` char(16) NOT NULL,
	`labels` json NOT NULL,
	CONSTRAINT `sla_series_labels_pk` PRIMARY KEY(`sla_id`,`series`)
);
--> statement-breakpoint
CREATE TABLE `slo_series_status` (
	`sla_id` bigint unsigned NOT NULL,
	`series` char(16) NOT NULL,
	`fingerprint` char(16) NOT NULL,
	`at` datetime NOT NULL,
	`sort_remaining` double NOT NULL,
	`report` json NOT NULL,
	`hours_key` varchar(80) NOT NULL,
	`hour_sums` json NOT NULL,
	CONSTRAINT `slo_series_status_pk` PRIMARY KEY(`sla_id`,`series`)
);
--> statement-breakpoint
CREATE INDEX `slo_series_status_remaining_idx` ON `slo_series_status` (`sla_id`,`sort_remaining`,`series`);