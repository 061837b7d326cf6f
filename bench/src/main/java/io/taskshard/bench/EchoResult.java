package io.taskshard.bench;

/**
 * What one echo run measured.
 *
 * @param runMs            from the first send to the last echo received
 * @param roundTripsPerSec messages / runMs
 * @param roundTrip        send -> echo received, per message
 * @param resources        CPU, GC and heap during the run (client and server share the JVM)
 */
record EchoResult(String label, Settings settings, long connectMs, double runMs, double roundTripsPerSec,
                  Latency roundTrip, ProcessMeter.Usage resources, double cpuUsPerRoundTrip) {

    /** How the run was set up; {@code payloadChars}: length of each message. */
    record Settings(int sockets, int inFlightPerSocket, long messages, int payloadChars, int httpClients) {
    }
}
