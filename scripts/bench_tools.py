"""What the benchmarks share: their options, the database they create with
trytond directly, the query counter, and the table they print.

Used by bench_planning.py and bench_complaints.py; not a script itself.
"""
import argparse
import datetime as dt
import logging
import os
import re
import resource
import sys
import time
import urllib.parse
from collections import Counter
from decimal import Decimal

DEFAULT_URI = 'postgresql://postgres@127.0.0.1:5432/'
DEFAULT_SIZES = '100,1000,5000'
MODULE = 'terra_client_mgmt'
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def argument_parser(description, database, sizes_help):
    "The options every benchmark has"
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        '--uri', default=DEFAULT_URI,
        help="database server URI (default %(default)s; sqlite:// works "
        "too, with the file in --path)")
    parser.add_argument(
        '--database', default=database,
        help="database name, dropped and created again (default "
        "%(default)s)")
    parser.add_argument(
        '--path', default=os.path.join(ROOT, 'var', 'bench'),
        help="directory of SQLite database files (default %(default)s)")
    parser.add_argument(
        '--sizes', default=DEFAULT_SIZES,
        help=sizes_help + ", comma separated (default %(default)s)")
    parser.add_argument(
        '--queries', type=int, default=0, metavar='K',
        help="also print the K most frequent query patterns of each run")
    parser.add_argument(
        '--no-count', dest='count', action='store_false',
        help="skip the runs that count queries")
    parser.add_argument(
        '--profile', metavar='DIR',
        help="write a cProfile of each counted first run in DIR "
        "(read it with python -m pstats)")
    parser.add_argument(
        '--keep', action='store_true',
        help="keep the database at the end (dropped by default)")
    return parser


def parse_args(parser, argv=None):
    "The options, with --sizes as a sorted list of distinct sizes"
    args = parser.parse_args(argv)
    try:
        args.sizes = sorted({int(s) for s in args.sizes.split(',') if s})
    except ValueError:
        parser.error("--sizes must be integers separated by commas")
    if not args.sizes or args.sizes[0] <= 0:
        parser.error("--sizes must be positive")
    return args


def configure(args):
    "Point trytond at the database server; done before importing backends"
    os.environ['TRYTOND_DATABASE_URI'] = args.uri
    from trytond import config

    # Set explicitly: it wins over a TRYTOND_CONFIG file as well
    config.set('database', 'uri', args.uri)
    if args.uri.startswith('sqlite'):
        os.makedirs(args.path, exist_ok=True)
        config.set('database', 'path', args.path)
    logging.basicConfig(
        level=logging.WARNING, format='%(levelname)s %(name)s %(message)s')


def log(message):
    print(message, file=sys.stderr, flush=True)


class QueryCounter(logging.Handler):
    """Count the queries of a transaction from the backend's own log

    PostgreSQL: trytond's LoggingCursor logs each query at DEBUG level just
    before executing it, once the logger is at DEBUG. SQLite: the
    connection's trace callback receives each statement executed."""
    logger = logging.getLogger('trytond.backend.postgresql.database')
    # Literals replaced so that the same query with other values is one
    # pattern
    _literals = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b|\?")
    _lists = re.compile(r'\(_(?:, _)+\)')
    # Column lists shortened: the table and the condition tell the pattern
    _columns = re.compile(r'^(SELECT|INSERT INTO \S+) (.*?) (FROM|VALUES) ')

    def __init__(self, patterns=False):
        super().__init__(logging.DEBUG)
        self.count = 0
        self.patterns = Counter() if patterns else None

    def emit(self, record):
        self.add(record.getMessage())

    def add(self, query):
        self.count += 1
        if self.patterns is not None:
            query = self._literals.sub('_', ' '.join(query.split()))
            query = self._lists.sub('(_, …)', query)
            query = self._columns.sub(r'\1 … \3 ', query)
            self.patterns[query[:200]] += 1

    def start(self, transaction):
        self.count = 0
        if self.patterns is not None:
            self.patterns.clear()
        if hasattr(transaction.connection, 'set_trace_callback'):
            transaction.connection.set_trace_callback(self.add)
        else:
            self.logger.addHandler(self)
            self.logger.propagate = False
            self.logger.setLevel(logging.DEBUG)

    def stop(self, transaction):
        if hasattr(transaction.connection, 'set_trace_callback'):
            transaction.connection.set_trace_callback(None)
        else:
            self.logger.setLevel(logging.NOTSET)
            self.logger.propagate = True
            self.logger.removeHandler(self)
        return self.count


def create_database(name):
    "Create the database, dropped first if it exists, and activate the module"
    from trytond import backend
    from trytond.pool import Pool

    drop_database(name)
    database = backend.Database()
    database.connect()
    connection = database.get_connection(autocommit=True)
    try:
        database.create(connection, name)
    finally:
        database.put_connection(connection)
        database.close()

    log(f"activating {MODULE} in {name} (about a minute)")
    started = time.perf_counter()
    database = backend.Database(name)
    database.connect()
    database.init()
    # As trytond-admin --all then -u MODULE --activate-dependencies
    Pool(name).init(
        update=['ir', 'res', MODULE], lang=['en'], activatedeps=True)
    log(f"activated in {time.perf_counter() - started:.0f} s")


def drop_database(name):
    "Drop the database if it exists, whatever its state"
    from trytond import backend, config
    from trytond.cache import Cache
    from trytond.pool import Pool

    if name in Pool.database_list():
        Cache.drop(name)
        Pool.stop(name)
        backend.Database(name).close()
    if backend.name == 'postgresql':
        import psycopg
        from psycopg import sql

        # On the server's maintenance database: the one to drop may be
        # half made by an interrupted run, which trytond would not list
        uri = urllib.parse.urlsplit(config.get('database', 'uri'))
        uri = uri._replace(path='/postgres').geturl()
        with psycopg.connect(uri, autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(name)))
    else:
        path = os.path.join(config.get('database', 'path'), name + '.sqlite')
        for suffix in ['', '-wal', '-shm']:
            if os.path.exists(path + suffix):
                os.remove(path + suffix)


def create_company(name):
    "The company, its currency, and admin working for it"
    from trytond.pool import Pool
    from trytond.transaction import Transaction

    with Transaction().start(name, 0) as transaction:
        pool = Pool()
        Currency = pool.get('currency.currency')
        Party = pool.get('party.party')
        Company = pool.get('company.company')
        User = pool.get('res.user')

        euro, = Currency.create([{
                    'name': "Euro", 'code': 'EUR', 'symbol': '€',
                    'rounding': Decimal('0.01'),
                    'rates': [('create', [{
                                    'date': dt.date.min,
                                    'rate': Decimal(1)}])],
                    }])
        party, = Party.create([{'name': "TERRA GROUP S.A."}])
        company, = Company.create([{
                    'party': party.id,
                    'currency': euro.id,
                    'timezone': 'Europe/Madrid',
                    }])
        admin, = User.search([('login', '=', 'admin')])
        User.write([admin], {
                'companies': [('add', [company.id])],
                'company': company.id,
                })
        transaction.commit()
        return company.id


def peak_memory():
    "Peak resident memory of this process in MiB (ru_maxrss is in KiB)"
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def table_line(columns, values):
    """A line of the table of columns (title, width, format): values
    formatted, '-' for those not measured"""
    return '  '.join(
        (format_.format(value) if value is not None else '-').rjust(width)
        for (_, width, format_), value in zip(columns, values))


def table_header(columns):
    return '  '.join(title.rjust(width) for title, width, _ in columns)


def print_patterns(title, counter, top):
    print(f"\n{title}: {counter.count} queries, the most frequent:")
    for query, count in counter.patterns.most_common(top):
        print(f"{count:>7}  {query}")
    print()
