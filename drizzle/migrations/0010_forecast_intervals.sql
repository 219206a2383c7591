ALTER TABLE `analysis_runs` ADD `forecast_model` varchar(32);--> statement-breakpoint
ALTER TABLE `analysis_runs` ADD `forecast_ranked` boolean;--> statement-breakpoint
ALTER TABLE `analysis_runs` ADD `forecast_rank_age` smallint unsigned;--> statement-breakpoint
ALTER TABLE `analysis_runs` ADD `forecast_period` int unsigned;--> statement-breakpoint
ALTER TABLE `analysis_runs` ADD `forecast_period_source` enum('auto','configured');--> statement-breakpoint
ALTER TABLE `analysis_runs` ADD `forecast_mase` double;--> statement-breakpoint
ALTER TABLE `analysis_runs` ADD `forecast_runner_up` varchar(32);--> statement-breakpoint
ALTER TABLE `analysis_runs` ADD `forecast_runner_up_mase` double;--> statement-breakpoint
ALTER TABLE `analysis_runs` ADD `forecast_method` enum('analytic','simulated');--> statement-breakpoint
ALTER TABLE `analysis_runs` ADD `forecast_params` json;--> statement-breakpoint
ALTER TABLE `analysis_runs` ADD `anomaly` boolean;--> statement-breakpoint
ALTER TABLE `forecast_points` ADD `lower_80` double;--> statement-breakpoint
ALTER TABLE `forecast_points` ADD `upper_80` double;--> statement-breakpoint
ALTER TABLE `forecast_points` ADD `lower_95` double;--> statement-breakpoint
ALTER TABLE `forecast_points` ADD `upper_95` double;