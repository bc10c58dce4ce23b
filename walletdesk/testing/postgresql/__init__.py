"""PostgreSQL for the test suite: Django's backend with a flush that deletes rows.

Every transactional test (live server, concurrency) ends with a flush of every table. Django
flushes PostgreSQL with one TRUNCATE of all seventy tables, which gives each table new files
and cost some 400 ms a test, however little it wrote; the suite has about three hundred such
tests. Most of the tables are empty by then: deleting the rows of the few that are not costs
some 10 ms. config/settings_test.py names this backend when the tests run on PostgreSQL.
"""
