/**
 * Promotion and rollback bookkeeping. So far: the audit ledger.
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
 *   <li>{@link com.retailer.bluegreen.publish.AuditMain}: {@code audit verify}, a thin command line.</li>
 * </ul>
 * Errors are worded in one place ({@code AuditErrors}) and say what is wrong, why, and what to do.
 */
package com.retailer.bluegreen.publish;
