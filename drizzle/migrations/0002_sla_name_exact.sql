-- SLA names compare exactly (issue 12): under the database's utf8mb4_unicode_ci, `ABC`/`abc`, `é`/`e` and even
-- `e-😀`/`e-🙈` (characters the collation does not weigh) were one name, so a create answered 409 naming an SLA
-- that did not exist. Binary comparison of the NFC form the API stores (api/sla/sla-input.ts) is exact. Names that
-- were unique under the old collation stay unique under this one, so the change cannot fail on existing rows.
ALTER TABLE `slas` MODIFY `name` varchar(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
