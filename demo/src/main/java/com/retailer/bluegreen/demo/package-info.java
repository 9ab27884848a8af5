/**
 * README command 1, a full blue/green release on the embedded local stack ({@link com.retailer.bluegreen.demo.Demo},
 * {@link com.retailer.bluegreen.demo.FullRelease}), and the bench ({@link com.retailer.bluegreen.demo.Bench}). The
 * only module besides the tests that depends on the job.
 */
package com.retailer.bluegreen.demo;
