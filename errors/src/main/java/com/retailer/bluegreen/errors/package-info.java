/**
 * The one error vocabulary of the project: {@link com.retailer.bluegreen.errors.ErrorCode}, the single table of
 * outcomes and exit statuses, and {@link com.retailer.bluegreen.errors.BlueGreenException}, the base of every error
 * raised on purpose, with a message that says what happened, why, and what to do.
 *
 * <p>The rule: whatever an operator can cause or act on (configuration, ownership, refusals, races, gates, a broken
 * audit chain, a failed expectation) is a {@code BlueGreenException} with its code. A caller breaking a plain-Java
 * API's precondition (a bug, or input that a boundary such as the config loader translates first) gets
 * {@link java.lang.IllegalArgumentException} or {@link java.lang.IllegalStateException}, which the command line
 * reports as {@link com.retailer.bluegreen.errors.ErrorCode#FAILED} with its stack trace.
 *
 * <p>{@link com.retailer.bluegreen.errors.Redactor} hides secrets in any text printed: the values the loaded
 * configuration knows to be secret, passwords in URLs and secret-named parameters. The command line passes every
 * message and stack trace it prints through the configuration's redactor.
 */
package com.retailer.bluegreen.errors;
