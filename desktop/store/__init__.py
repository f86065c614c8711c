"""The encrypted store: SQLCipher, key slots, migrations, repositories, audit chain."""
