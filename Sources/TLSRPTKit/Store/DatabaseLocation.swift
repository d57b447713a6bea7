import Foundation

/// Where the database lives when no `--database` is given.
public enum DatabaseLocation {
    /// The path to use: `explicit` if given, else `$TLSRPT_DATABASE`, else
    /// `$XDG_DATA_HOME/tlsrpt/tlsrpt.sqlite`, else `~/.local/share/tlsrpt/tlsrpt.sqlite`.
    public static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String
    {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment["TLSRPT_DATABASE"], !fromEnvironment.isEmpty { return fromEnvironment }
        if let dataHome = environment["XDG_DATA_HOME"], dataHome.hasPrefix("/") {
            return dataHome + "/tlsrpt/tlsrpt.sqlite"
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/share/tlsrpt/tlsrpt.sqlite"
    }
}
