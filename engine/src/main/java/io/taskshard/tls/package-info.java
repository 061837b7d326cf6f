/** TLS from PEM files, for the server ({@code --tls-cert/--tls-key}) and clients ({@code --ca-cert}). */
package io.taskshard.tls;
