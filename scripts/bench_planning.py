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
import datetime as dt
import os
import sys
import time
from decimal import Decimal

import bench_tools
from bench_tools import (
    QueryCounter, argument_parser, configure, create_company, create_database,
    drop_database, log, peak_memory, print_patterns, table_header, table_line)

# Contracts and parties are created in batches of this size
BATCH = 500


def parse_args(argv=None):
    parser = argument_parser(
        "Benchmark the planning of contract visits.", 'terra_bench',
        "numbers of running contracts")
    return bench_tools.parse_args(parser, argv)


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
    return table_line(COLUMNS, [
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
        header = table_header(COLUMNS)
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
