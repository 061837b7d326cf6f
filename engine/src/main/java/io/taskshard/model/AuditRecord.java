package io.taskshard.model;

/** One operator action, as recorded in the audit table. */
public record AuditRecord(long at, String actor, String action, String target, String detail, boolean accepted) {
}
