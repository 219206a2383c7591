CREATE TABLE `slas` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(128) NOT NULL,
	`description` text NOT NULL,
	`metric` varchar(255) NOT NULL,
	`matchers` json NOT NULL,
	`min_value` double,
	`max_value` double,
	`for_seconds` int unsigned NOT NULL,
	`revision` int unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `slas_id` PRIMARY KEY(`id`),
	CONSTRAINT `slas_name_uq` UNIQUE(`name`)
);
