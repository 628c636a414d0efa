"""Benchmark the planning of contract visits (PRO 008 5.3.1).

For each size N (100, 1 000 and 5 000 by default) the database holds exactly
N running contracts, each with one weekly service line; the planning action
(``terra.intervention|plan_visits``, run by the daily scheduled action) plans
their visits over the planning horizon (60 days). The script prints, per N,
the visits planned, the time taken, visits planned per second, the SQL
queries run and queries per contract, then the same for a second run, which
must plan nothing (the action is idempotent).

It uses trytond directly, not proteus: it creates a fresh database (dropped
first when it exists), activates ``terra_client_mgmt``, creates a company and
the catalogue, then adds contracts in batches up to each size. Only the
planning runs are measured; before each size all visits are deleted, so every
first run plans the whole horizon of every contract.

    python scripts/bench_planning.py
    python scripts/bench_planning.py --uri postgresql://user@host:5432/
    python scripts/bench_planning.py --sizes 100,1000 --queries 5
    python scripts/bench_planning.py --uri sqlite:// --sizes 100

Each planning runs twice per size: once timed, once with its queries
counted from the backend's own query log (PostgreSQL's LoggingCursor logs
each query at DEBUG level; SQLite's trace callback sees each statement),
because logging every query costs time.
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
# Contracts and parties are created in batches of this size
BATCH = 500


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Benchmark the planning of contract visits.")
    parser.add_argument(
        '--uri', default=DEFAULT_URI,
        help="database server URI (default %(default)s; sqlite:// works "
        "too, with the file in --path)")
    parser.add_argument(
        '--database', default='terra_bench',
        help="database name, dropped and created again (default "
        "%(default)s)")
    parser.add_argument(
        '--path', default=os.path.join(ROOT, 'var', 'bench'),
        help="directory of SQLite database files (default %(default)s)")
    parser.add_argument(
        '--sizes', default=DEFAULT_SIZES,
        help="numbers of running contracts, comma separated (default "
        "%(default)s)")
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


def create_catalogue(name, company_id):
    "A weekly rodent control service with its treatment type and procedure"
    from trytond.pool import Pool
    from trytond.transaction import Transaction

    with Transaction().start(
            name, 0, context={'company': company_id}) as transaction:
        pool = Pool()
        TreatmentType = pool.get('terra.treatment.type')
        Procedure = pool.get('terra.service.procedure')
        RuleSet = pool.get('sale.subscription.recurrence.rule.set')
        Template = pool.get('product.template')
        Service = pool.get('sale.subscription.service')
        ModelData = pool.get('ir.model.data')

        rodents, = TreatmentType.create([{
                    'name': "Desratización", 'code': 'DRT'}])
        procedure, = Procedure.create([{
                    'name': "Control de roedores",
                    'code': 'PE-DRT-01',
                    'treatment_type': rodents.id,
                    'items': [('create', [
                                {'name': "Inspección de puntos críticos"},
                                {'name': "Revisión de portacebos"},
                                ])],
                    }])
        weekly, monthly = RuleSet.create([{
                    'name': "Semanal",
                    'rules': [('create', [{
                                    'freq': 'weekly', 'interval': 1}])],
                    }, {
                    'name': "Mensual",
                    'rules': [('create', [{
                                    'freq': 'monthly', 'interval': 1}])],
                    }])
        unit = ModelData.get_id('product', 'uom_unit')
        # No account category: planning neither sells nor invoices
        template, = Template.create([{
                    'name': "Control de roedores",
                    'type': 'service',
                    'default_uom': unit,
                    'sale_uom': unit,
                    'salable': True,
                    'list_price': Decimal('45'),
                    'treatment_type': rodents.id,
                    'service_procedure': procedure.id,
                    'products': [('create', [{}])],
                    }])
        product, = template.products
        service, = Service.create([{
                    'product': product.id,
                    'consumption_recurrence': weekly.id,
                    }])
        transaction.commit()
        return {
            'service': service.id,
            'unit': unit,
            'weekly': weekly.id,
            'monthly': monthly.id,
            }


def add_contracts(name, company_id, catalogue, start, stop):
    """Create the running contracts number start to stop - 1

    Setup shortcut: the contracts are created directly as running, with
    their signature, instead of going through quote and run one by one. The
    planner only reads running contracts and their lines."""
    from trytond.pool import Pool
    from trytond.transaction import Transaction

    with Transaction().start(
            name, 0, context={'company': company_id}) as transaction:
        pool = Pool()
        Date = pool.get('ir.date')
        Party = pool.get('party.party')
        Company = pool.get('company.company')
        Subscription = pool.get('sale.subscription')

        today = Date.today()  # the company's, as the planner's
        currency = Company(company_id).currency.id
        for first in range(start, stop, BATCH):
            numbers = range(first, min(first + BATCH, stop))
            parties = Party.create([{
                        'name': f"Cliente {i:05d}",
                        'addresses': [('create', [premises(i)])],
                        } for i in numbers])
            vlist = []
            for i, party in zip(numbers, parties):
                address, = party.addresses
                # Staggered over four weeks: visits fall on every weekday
                start_date = today - dt.timedelta(days=i % 28)
                vlist.append({
                        'company': company_id,
                        'currency': currency,
                        'party': party.id,
                        'invoice_address': address.id,
                        'premises': address.id,
                        'number': f'BENCH-{i:05d}',
                        'start_date': start_date,
                        'end_date': start_date + dt.timedelta(days=364),
                        'invoice_recurrence': catalogue['monthly'],
                        'signature_date': start_date,
                        'client_signatory': f"Gerente {i:05d}",
                        'state': 'running',
                        'lines': [('create', [{
                                        'service': catalogue['service'],
                                        'quantity': 1,
                                        'unit': catalogue['unit'],
                                        'unit_price': Decimal('45'),
                                        'consumption_recurrence': (
                                            catalogue['weekly']),
                                        'start_date': start_date,
                                        }])],
                        })
            Subscription.create(vlist)
        transaction.commit()


def premises(i):
    "Premises of client i: some closed on Sundays, some with visiting hours"
    values = {
        'street': f"Calle Mayor {i}",
        'postal_code': '28013',
        'city': "Madrid",
        'premises_type': 'restaurant',
        }
    if i % 4 == 0:
        values['closed_days'] = ['6']
    if i % 3 == 0:
        values['visit_time_from'] = dt.time(9, 0)
        values['visit_time_to'] = dt.time(13, 0)
    return values


def delete_visits(name):
    "Delete all visits with one query, to plan from scratch (not measured)"
    from trytond.pool import Pool
    from trytond.transaction import Transaction

    with Transaction().start(name, 0) as transaction:
        Intervention = Pool().get('terra.intervention')
        cursor = transaction.connection.cursor()
        for model in [
                'terra.intervention.checklist', 'terra.intervention.product',
                'terra.intervention.schedule_change',
                'terra.intervention.amendment']:
            table = Pool().get(model).__table__()
            cursor.execute(*table.delete())
        table = Intervention.__table__()
        cursor.execute(*table.delete())
        transaction.commit()


def count_contracts(name, company_id):
    from trytond.pool import Pool
    from trytond.transaction import Transaction

    with Transaction().start(name, 0, readonly=True):
        Subscription = Pool().get('sale.subscription')
        return Subscription.search_count([
                ('state', '=', 'running'),
                ('company', '=', company_id),
                ])


def plan(name, company_id, counter=None, profile=None):
    """Run the planning action as the scheduler does: as root, in the
    company's context, in one transaction committed at the end

    Return the visits planned, the seconds taken, and the queries run when
    counted."""
    from trytond.pool import Pool
    from trytond.transaction import Transaction

    context = {
        'company': company_id,
        '_skip_warnings': True,
        '_cron': 'terra.intervention|plan_visits',
        }
    queries = None
    with Transaction().start(name, 0, context=context) as transaction:
        Intervention = Pool().get('terra.intervention')
        if counter:
            counter.start(transaction)
        if profile:
            profile.enable()
        started = time.perf_counter()
        try:
            visits = Intervention.plan_visits()
            transaction.commit()
            seconds = time.perf_counter() - started
        finally:
            if profile:
                profile.disable()
            if counter:
                queries = counter.stop(transaction)
    return len(visits), seconds, queries


def peak_memory():
    "Peak resident memory of this process in MiB (ru_maxrss is in KiB)"
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


COLUMNS = [
    # title, width, format
    ("contracts", 9, '{}'),
    ("visits", 7, '{}'),
    ("seconds", 8, '{:.2f}'),
    ("visits/s", 8, '{:.0f}'),
    ("queries", 7, '{}'),
    ("q/contract", 10, '{:.2f}'),
    ("again visits", 12, '{}'),
    ("again s", 7, '{:.2f}'),
    ("again q/contract", 16, '{:.2f}'),
    ("peak MiB", 8, '{:.0f}'),
    ]


def table_line(values):
    "A line of the table: values formatted, '-' for those not measured"
    return '  '.join(
        (format_.format(value) if value is not None else '-').rjust(width)
        for (_, width, format_), value in zip(COLUMNS, values))


def table_header():
    return '  '.join(title.rjust(width) for title, width, _ in COLUMNS)


def print_patterns(title, counter, top):
    print(f"\n{title}: {counter.count} queries, the most frequent:")
    for query, count in counter.patterns.most_common(top):
        print(f"{count:>7}  {query}")
    print()


def measure(name, company_id, n, args):
    """The figures of N contracts: a timed run and a second, idempotent,
    timed run; then both again with their queries counted (logging each
    query costs time, so the timed runs do not)"""
    delete_visits(name)
    visits, seconds, _ = plan(name, company_id)
    visits_again, seconds_again, _ = plan(name, company_id)
    queries = queries_again = None
    if args.count:
        counter = QueryCounter(patterns=bool(args.queries))
        profile = None
        if args.profile:
            import cProfile
            profile = cProfile.Profile()
        delete_visits(name)
        counted, _, queries = plan(name, company_id, counter, profile)
        if args.queries:
            print_patterns(f"{n} contracts, first run", counter, args.queries)
        if profile:
            os.makedirs(args.profile, exist_ok=True)
            filename = os.path.join(args.profile, f'plan_visits-{n}.prof')
            profile.dump_stats(filename)
            log(f"profile of the counted run written to {filename}")
        if counted != visits:
            log(f"warning: the counted run planned {counted} visits, the "
                f"timed one {visits} (did the date change?)")
        _, _, queries_again = plan(name, company_id, counter)
        if args.queries:
            print_patterns(
                f"{n} contracts, second run", counter, args.queries)
    return table_line([
            n, visits, seconds, visits / seconds if seconds else None,
            queries, queries / n if queries is not None else None,
            visits_again, seconds_again,
            queries_again / n if queries_again is not None else None,
            peak_memory()])


def main(argv=None):
    args = parse_args(argv)
    configure(args)
    from trytond import backend

    name = args.database
    create_database(name)
    try:
        company_id = create_company(name)
        catalogue = create_catalogue(name, company_id)
        contracts = 0
        header = table_header()
        lines = []
        print(
            f"Planning of contract visits on {backend.name}: one weekly "
            "service per running contract, 60-day horizon; \"again\" is "
            "a second run, which must plan nothing.", flush=True)
        if not args.queries:
            print(header, flush=True)
        for n in args.sizes:
            log(f"adding contracts {contracts + 1} to {n}")
            add_contracts(name, company_id, catalogue, contracts, n)
            contracts = n
            assert count_contracts(name, company_id) == n
            log(f"planning the visits of {n} contracts")
            lines.append(measure(name, company_id, n, args))
            if not args.queries:
                print(lines[-1], flush=True)
        if args.queries:
            print(header)
            print('\n'.join(lines))
    finally:
        if not args.keep:
            drop_database(name)
    return 0


if __name__ == '__main__':
    sys.exit(main())
