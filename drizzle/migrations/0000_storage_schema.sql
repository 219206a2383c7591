CREATE TABLE `acf_values` (
	`run_id` bigint unsigned NOT NULL,
	`lag_index` smallint unsigned NOT NULL,
	`value` double,
	CONSTRAINT `acf_values_pk` PRIMARY KEY(`run_id`,`lag_index`)
);
--> statement-breakpoint
CREATE TABLE `adf_results` (
	`run_id` bigint unsigned NOT NULL,
	`statistic` double NOT NULL,
	`pvalue` double NOT NULL,
	`used_lag` int unsigned NOT NULL,
	`nobs` int unsigned NOT NULL,
	`critical_1pct` double NOT NULL,
	`critical_5pct` double NOT NULL,
	`critical_10pct` double NOT NULL,
	`icbest` double,
	`stationary` boolean NOT NULL,
	CONSTRAINT `adf_results_run_id` PRIMARY KEY(`run_id`)
);
--> statement-breakpoint
CREATE TABLE `aggregates` (
	`run_id` bigint unsigned NOT NULL,
	`kind` enum('trailing','resampled','predicted') NOT NULL,
	`window_rule` varchar(32) NOT NULL,
	`sample_count` int unsigned,
	`bucket_count` int unsigned,
	`non_empty_buckets` int unsigned,
	`max` double,
	`min` double,
	`mean` double,
	`std` double,
	CONSTRAINT `aggregates_pk` PRIMARY KEY(`run_id`,`kind`,`window_rule`)
);
--> statement-breakpoint
CREATE TABLE `analysis_errors` (
	`run_id` bigint unsigned NOT NULL,
	`section` varchar(32) NOT NULL,
	`code` varchar(128) NOT NULL,
	`message` text NOT NULL,
	CONSTRAINT `analysis_errors_pk` PRIMARY KEY(`run_id`,`section`)
);
--> statement-breakpoint
CREATE TABLE `analysis_runs` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`message_hash` char(64) NOT NULL,
	`message_id` varchar(512) NOT NULL,
	`cycle_id` varchar(255) NOT NULL,
	`series_id` bigint unsigned NOT NULL,
	`produced_at` datetime(3) NOT NULL,
	`window_start` datetime(3) NOT NULL,
	`window_end` datetime(3) NOT NULL,
	`step_seconds` int unsigned NOT NULL,
	`points` int unsigned NOT NULL,
	`first_sample_at` datetime(3),
	`last_sample_at` datetime(3),
	`model_trend` enum('add','mul'),
	`model_seasonal` enum('add','mul'),
	`model_seasonal_periods` int unsigned,
	`model_damped` boolean,
	`hw_alpha` double,
	`hw_beta` double,
	`hw_gamma` double,
	`hw_initial_level` double,
	`hw_initial_trend` double,
	`hw_sse` double,
	`error_count` smallint unsigned NOT NULL,
	`source_topic` varchar(249) NOT NULL,
	`source_partition` int unsigned NOT NULL,
	`source_offset` bigint unsigned NOT NULL,
	`stored_at` datetime(3) NOT NULL,
	CONSTRAINT `analysis_runs_id` PRIMARY KEY(`id`),
	CONSTRAINT `analysis_runs_message_hash_uq` UNIQUE(`message_hash`)
);
--> statement-breakpoint
CREATE TABLE `component_series` (
	`run_id` bigint unsigned NOT NULL,
	`component` enum('hp_trend','hp_cycle','decompose_trend','decompose_seasonal','decompose_resid') NOT NULL,
	`series_id` bigint unsigned NOT NULL,
	`window_end` datetime(3) NOT NULL,
	`points` int unsigned NOT NULL,
	`data` mediumblob NOT NULL,
	CONSTRAINT `component_series_pk` PRIMARY KEY(`run_id`,`component`)
);
--> statement-breakpoint
CREATE TABLE `consumed_offsets` (
	`consumer_group` varchar(255) NOT NULL,
	`topic` varchar(249) NOT NULL,
	`kafka_partition` int unsigned NOT NULL,
	`next_offset` bigint unsigned NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `consumed_offsets_pk` PRIMARY KEY(`consumer_group`,`topic`,`kafka_partition`)
);
--> statement-breakpoint
CREATE TABLE `dead_letters` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`topic` varchar(249) NOT NULL,
	`kafka_partition` int unsigned NOT NULL,
	`kafka_offset` bigint unsigned NOT NULL,
	`consumer_group` varchar(255) NOT NULL,
	`reason` enum('BAD_JSON','UNKNOWN_SCHEMA','INVALID','UNSTORABLE') NOT NULL,
	`detail` text NOT NULL,
	`record_key` mediumblob,
	`payload` mediumblob,
	`record_timestamp` datetime(3),
	`received_at` datetime(3) NOT NULL,
	CONSTRAINT `dead_letters_id` PRIMARY KEY(`id`),
	CONSTRAINT `dead_letters_position_uq` UNIQUE(`topic`,`kafka_partition`,`kafka_offset`)
);
--> statement-breakpoint
CREATE TABLE `decompositions` (
	`run_id` bigint unsigned NOT NULL,
	`period` int unsigned NOT NULL,
	`points` int unsigned NOT NULL,
	CONSTRAINT `decompositions_run_id` PRIMARY KEY(`run_id`)
);
--> statement-breakpoint
CREATE TABLE `forecast_points` (
	`run_id` bigint unsigned NOT NULL,
	`step` smallint unsigned NOT NULL,
	`at` datetime(3) NOT NULL,
	`value` double NOT NULL,
	CONSTRAINT `forecast_points_pk` PRIMARY KEY(`run_id`,`step`)
);
--> statement-breakpoint
CREATE TABLE `hp_results` (
	`run_id` bigint unsigned NOT NULL,
	`lambda` double NOT NULL,
	`points` int unsigned NOT NULL,
	CONSTRAINT `hp_results_run_id` PRIMARY KEY(`run_id`)
);
--> statement-breakpoint
CREATE TABLE `series` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`key_hash` char(64) NOT NULL,
	`series_key` varchar(1024) NOT NULL,
	`metric` varchar(255) NOT NULL,
	`labels` json NOT NULL,
	`first_seen_at` datetime(3) NOT NULL,
	`last_seen_at` datetime(3) NOT NULL,
	CONSTRAINT `series_id` PRIMARY KEY(`id`),
	CONSTRAINT `series_key_hash_uq` UNIQUE(`key_hash`)
);
--> statement-breakpoint
ALTER TABLE `acf_values` ADD CONSTRAINT `acf_values_run_fk` FOREIGN KEY (`run_id`) REFERENCES `analysis_runs`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `adf_results` ADD CONSTRAINT `adf_results_run_fk` FOREIGN KEY (`run_id`) REFERENCES `analysis_runs`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `aggregates` ADD CONSTRAINT `aggregates_run_fk` FOREIGN KEY (`run_id`) REFERENCES `analysis_runs`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `analysis_errors` ADD CONSTRAINT `analysis_errors_run_fk` FOREIGN KEY (`run_id`) REFERENCES `analysis_runs`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `analysis_runs` ADD CONSTRAINT `analysis_runs_series_fk` FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `component_series` ADD CONSTRAINT `component_series_run_fk` FOREIGN KEY (`run_id`) REFERENCES `analysis_runs`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `decompositions` ADD CONSTRAINT `decompositions_run_fk` FOREIGN KEY (`run_id`) REFERENCES `analysis_runs`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `forecast_points` ADD CONSTRAINT `forecast_points_run_fk` FOREIGN KEY (`run_id`) REFERENCES `analysis_runs`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `hp_results` ADD CONSTRAINT `hp_results_run_fk` FOREIGN KEY (`run_id`) REFERENCES `analysis_runs`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `analysis_errors_code_idx` ON `analysis_errors` (`code`);--> statement-breakpoint
CREATE INDEX `analysis_runs_series_window_idx` ON `analysis_runs` (`series_id`,`window_end`);--> statement-breakpoint
CREATE INDEX `analysis_runs_window_end_idx` ON `analysis_runs` (`window_end`);--> statement-breakpoint
CREATE INDEX `analysis_runs_cycle_idx` ON `analysis_runs` (`cycle_id`);--> statement-breakpoint
CREATE INDEX `component_series_retention_idx` ON `component_series` (`series_id`,`component`,`window_end`);--> statement-breakpoint
CREATE INDEX `dead_letters_received_idx` ON `dead_letters` (`received_at`);--> statement-breakpoint
CREATE INDEX `series_metric_idx` ON `series` (`metric`);