package com.retailer.bluegreen.job;

/**
 * One verb of the command line. Built by {@link Main} from the parsed arguments and the loaded configuration: a
 * constructor refuses, before any Spark session starts, whatever can be refused without one (a bad contract file,
 * an invalid release id, no actor), so those end with exit 2 and nothing written. {@link #run} then does the work
 * through the libraries and returns a result; it never prints the result itself.
 */
@FunctionalInterface
interface Command {
    CommandResult run() throws Exception;
}
