CREATE TABLE `sla_hours` (
	`sla_id` bigint unsigned NOT NULL,
	`hour` datetime NOT NULL,
	`fingerprint` char(16) NOT NULL,
	`good` int unsigned NOT NULL,
	`bad` int unsigned NOT NULL,
	`minutes` int unsigned NOT NULL,
	CONSTRAINT `sla_hours_pk` PRIMARY KEY(`sla_id`,`hour`)
);
