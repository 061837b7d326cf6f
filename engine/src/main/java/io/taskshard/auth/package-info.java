/**
 * API tokens and roles: who may read, steer, manage tokens or join as a peer
 * (docs/security.md). The token table itself lives in the store ({@code TokenStore}).
 */
package io.taskshard.auth;
