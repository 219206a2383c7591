CREATE TABLE `notification_targets` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(128) NOT NULL,
	`kind` enum('alertmanager','webhook') NOT NULL,
	`url` varchar(2048) NOT NULL,
	`secret` varchar(256),
	`sla_ids` json,
	`revision` int unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `notification_targets_id` PRIMARY KEY(`id`),
	CONSTRAINT `notification_targets_name_uq` UNIQUE(`name`)
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`target_id` bigint unsigned NOT NULL,
	`sla_id` bigint unsigned NOT NULL,
	`alert` varchar(32) NOT NULL,
	`transition` enum('pending','firing','resolved') NOT NULL,
	`at` datetime NOT NULL,
	`payload` json NOT NULL,
	`state` enum('due','sent','failed') NOT NULL,
	`attempts` int unsigned NOT NULL,
	`next_attempt_at` datetime(3) NOT NULL,
	`sent_at` datetime(3),
	`last_error` varchar(512),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `notifications_id` PRIMARY KEY(`id`),
	CONSTRAINT `notifications_change_uq` UNIQUE(`target_id`,`sla_id`,`alert`,`transition`,`at`)
);
--> statement-breakpoint
ALTER TABLE `slo_status` ADD `firing` int unsigned DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `notifications_due_idx` ON `notifications` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `slo_status_firing_idx` ON `slo_status` (`firing`);