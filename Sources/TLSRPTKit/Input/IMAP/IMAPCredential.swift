/// What `tlsrpt fetch` logs in with.
public enum IMAPCredential: Sendable {
    /// A password, sent with `AUTHENTICATE PLAIN` or `LOGIN`. Never printed, logged or kept.
    case password(String)
    /// An OAuth 2.0 access token, sent with `AUTHENTICATE XOAUTH2` (Gmail, Microsoft 365), asked
    /// for anew at each login since such tokens expire within the hour.
    case bearerToken(IMAPTokenSource)
}
