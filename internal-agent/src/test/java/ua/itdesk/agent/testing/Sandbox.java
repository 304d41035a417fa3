package ua.itdesk.agent.testing;

import java.net.URI;
import java.nio.file.Path;
import ua.itdesk.sandbox.directory.DirectoryStandIn;
import ua.itdesk.sandbox.hr.HrStandIn;
import ua.itdesk.sandbox.jira.JiraStandIn;
import ua.itdesk.sandbox.pki.Pki;

/**
 * The stand-ins one agent under test talks to; injected into test fields marked {@link InjectSandbox}.
 *
 * @param directory null when the resource was asked to leave the directory unreachable
 * @param jira the scriptable Jira, null unless the resource was asked for one
 * @param jiraStandIn the sandbox's Jira stand-in (real webhooks), null unless the resource was asked for it
 * @param jiraWebhook the agent's webhook listener the stand-in posts to; null unless it does
 * @param jiraWebhookSecret the secret webhooks are signed with; null unless the stand-in sends them
 * @param retiredJwtKey private key (PKCS#8 PEM) of a key pair whose public half the agent still verifies with, as
 *     during a rotation; the agent signs with {@code pki.jwtPrivateKey()}
 * @param directoryGate what the agent's LDAP connections pass through, to cut and restore; null without a directory
 */
public record Sandbox(Pki pki, DirectoryStandIn directory, HrStandIn hr, FakeJira jira, JiraStandIn jiraStandIn,
        URI jiraWebhook, String jiraWebhookSecret, Path retiredJwtKey,
        TcpGate directoryGate) {
}
