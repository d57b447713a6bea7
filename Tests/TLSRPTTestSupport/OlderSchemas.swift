/// SQL that takes a current database back to what an earlier schema version left, so tests can
/// check the upgrade that runs when it is opened again.
public enum OlderSchemas {
    /// Takes away what schema v8 added (the policy tallies, filled from the stored reports when
    /// the database opens again): run after changing stored reports as an earlier build would
    /// have stored them.
    public static let beforePolicyTallies = """
        DROP TABLE policy_tally_failure;
        DROP TABLE policy_tally;
        DROP TABLE tally_name;
        DELETE FROM grdb_migrations WHERE identifier LIKE 'v8:%';
        """
}
