/**
 * Promotion and rollback: the audit ledger, the consumer contract, the publisher's control table and the publisher
 * that points the published views at a colour.
 *
 * <p>This package owns:
 * <ul>
 *   <li>{@link com.retailer.bluegreen.publish.AuditRecord} and its canonical form and SHA-256 hash chain, and
 *       {@link com.retailer.bluegreen.publish.AuditDraft}, the validated input a record is sealed from;</li>
 *   <li>{@link com.retailer.bluegreen.publish.ChainVerifier}: recomputes a chain and names the first bad record
 *       ({@link com.retailer.bluegreen.publish.VerifyResult}); plain Java;</li>
 *   <li>{@link com.retailer.bluegreen.publish.AuditLedger}: the ledger's Delta table, where appends are serialised
 *       by a head row that every append rewrites in the same commit as it inserts its record, so two concurrent
 *       appends conflict ({@link com.retailer.bluegreen.publish.ConcurrentAppendException}) instead of forking
 *       the chain;</li>
 *   <li>{@link com.retailer.bluegreen.publish.Contract}: the views, columns and types consumers rely on; it only
 *       grows; plain Java;</li>
 *   <li>{@link com.retailer.bluegreen.publish.ViewSql}: the {@code CREATE VIEW} / {@code ALTER VIEW ... AS} that
 *       points a view at a colour (typed NULLs for columns the colour lacks, {@code release_id}); plain Java;</li>
 *   <li>{@link com.retailer.bluegreen.publish.ControlTable}: the desired state (colour, epoch, release) in a one-row
 *       Delta table, where of two proposals from the same epoch exactly one commits
 *       ({@link com.retailer.bluegreen.publish.ConcurrentPromotionException});</li>
 *   <li>{@link com.retailer.bluegreen.publish.Publisher}: reconciles the views to the desired state, stopping
 *       ({@link com.retailer.bluegreen.publish.SupersededException}) when the epoch moves on mid-way.</li>
 * </ul>
 * Errors are worded in one place per area ({@code AuditErrors}, {@code PublishErrors}) and say what is wrong, why,
 * and what to do.
 */
package com.retailer.bluegreen.publish;
