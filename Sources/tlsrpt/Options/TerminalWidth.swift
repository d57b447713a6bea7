import Foundation
import TLSRPTKit

/// The width text output is laid out for.
enum TerminalWidth {
    /// Columns of the terminal on `descriptor` (standard output by default), or 80 when it is not
    /// a terminal (a pipe, a file, cron), so output does not depend on who runs the command.
    static func columns(of descriptor: Int32 = STDOUT_FILENO) -> Int {
        guard isatty(descriptor) == 1 else { return TextWrapping.defaultColumns }
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else {
            return TextWrapping.defaultColumns
        }
        return Int(size.ws_col)
    }
}
