"""Benchmark the scheduled and bulk work of the complaints register.

For each size N (100, 1 000 and 5 000 by default) the database holds exactly
N open complaints past their due time, routed to Operations (a responsible
technician and the area's head, both with an e-mail address), and N closed
items of every kind received over the last twelve months. The script prints,
per N:

- the escalation (``sale.complaint|escalate``, the hourly scheduled action):
  the items escalated, the e-mails a local SMTP sink received, the time
  taken (elapsed, and CPU of this process: the database server's is not in
  it, but neither is the wait for a CPU on a busy machine), items escalated
  per second, the SQL queries run and queries per item; then the same for a
  second run, which must send nothing (an item is notified once per
  breach);
- the resolution index (``sale.complaint.reporting``): the time and queries
  to search and read all its rows, all fields, for the 2N items of the
  company, then for the complaints only (the context's kind).

It uses trytond directly, not proteus: it creates a fresh database (dropped
first when it exists), activates ``terra_client_mgmt``, creates a company,
the employees, the service levels and a complaint type, then adds items in
batches up to each size. Each measured step runs in its own transaction,
committed within the time measured: the e-mails are sent at the commit. The
mail goes to an SMTP sink started in this process on a free local port, so
nothing leaves the machine. Before each size, the escalations and the
e-mails recorded are deleted, so every first run escalates all N items.

    python scripts/bench_complaints.py
    python scripts/bench_complaints.py --uri postgresql://user@host:5432/
    python scripts/bench_complaints.py --sizes 100,1000 --queries 5
    python scripts/bench_complaints.py --uri sqlite:// --sizes 100

Each step runs twice per size: once timed, once with its queries counted
from the backend's own query log (PostgreSQL's LoggingCursor logs each
query at DEBUG level; SQLite's trace callback sees each statement), because
logging every query costs time.
"""
import datetime as dt
import os
import socket
import sys
import time

import bench_tools
from bench_tools import (
    QueryCounter, argument_parser, configure, create_company, create_database,
    drop_database, log, peak_memory, print_patterns, table_header, table_line)

# Items and clients are created in batches of this size
BATCH = 500
# The responsible technicians of Operations, who share the overdue items
TECHNICIANS = 5
KINDS = ['complaint', 'claim', 'query', 'service_request']
# Service levels of normal priority, in hours
SERVICE_LEVELS = {
    'complaint': 48, 'claim': 48, 'query': 72, 'service_request': 72}
CRON = 'sale.complaint|escalate'


def parse_args(argv=None):
    parser = argument_parser(
        "Benchmark the escalation of overdue complaints and the resolution "
        "index.", 'terra_bench_complaints',
        "numbers of open overdue complaints (as many closed items are "
        "added)")
    return bench_tools.parse_args(parser, argv)


class Sink:
    "An SMTP handler that counts the messages and recipients it receives"

    def __init__(self):
        self.messages = 0
        self.recipients = 0

    async def handle_DATA(self, server, session, envelope):
        self.messages += 1
        self.recipients += len(envelope.rcpt_tos)
        return '250 OK'


def start_sink():
    """Start the SMTP sink on a free local port and send trytond's mail to
    it; return the sink and its controller, to stop"""
    from aiosmtpd.controller import Controller

    from trytond import config

    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        port = s.getsockname()[1]
    sink = Sink()
    controller = Controller(sink, hostname='127.0.0.1', port=port)
    controller.start()
    config.set('email', 'uri', f'smtp://127.0.0.1:{port}')
    config.set('email', 'from', 'tryton@terra.example')
    return sink, controller


def create_register(name, company_id):
    """The heads of Customer Care and Operations, the technicians, the
    service levels and a complaint type"""
    from trytond.pool import Pool
    from trytond.transaction import Transaction

    with Transaction().start(
            name, 0, context={'company': company_id}) as transaction:
        pool = Pool()
        Party = pool.get('party.party')
        Employee = pool.get('company.employee')
        Area = pool.get('sale.complaint.area')
        ServiceLevel = pool.get('sale.complaint.service_level')
        Type = pool.get('sale.complaint.type')
        ModelData = pool.get('ir.model.data')

        logins = ['atencion', 'supervisor'] + [
            f'tecnico{k}' for k in range(1, TECHNICIANS + 1)]
        parties = Party.create([{
                    'name': login.capitalize(),
                    'contact_mechanisms': [('create', [{
                                    'type': 'email',
                                    'value': f'{login}@terra.example',
                                    }])],
                    } for login in logins])
        customer_care, operations, *technicians = Employee.create([{
                    'party': party.id,
                    'company': company_id,
                    } for party in parties])
        area = {
            key: Area(ModelData.get_id(
                    'terra_client_mgmt', f'complaint_area_{key}'))
            for key in ['customer_care', 'operations']}
        Area.write(
            [area['customer_care']], {'head': customer_care.id},
            [area['operations']], {'head': operations.id})
        ServiceLevel.create([{
                    'kind': kind, 'priority': 'normal', 'hours': hours,
                    } for kind, hours in SERVICE_LEVELS.items()])
        type_, = Type.create([{'name': "Resultado del tratamiento"}])
        transaction.commit()
        return {
            'area': area['operations'].id,
            'technicians': [t.id for t in technicians],
            'type': type_.id,
            }


def add_items(name, company_id, register, start, stop):
    """Create the open overdue complaints number start to stop - 1, and as
    many closed items, each pair for a client of its own

    Setup shortcut: the items are created directly routed and in progress
    (or closed), instead of going through the routing wizard and the
    buttons one by one. The escalation reads only the open items and their
    routing; the index reads the figures computed when an item is saved."""
    from trytond.pool import Pool
    from trytond.transaction import Transaction

    context = {'company': company_id, '_terra_route': True}
    with Transaction().start(name, 0, context=context) as transaction:
        pool = Pool()
        Party = pool.get('party.party')
        Complaint = pool.get('sale.complaint')

        now = dt.datetime.now().replace(microsecond=0)
        hours = dt.timedelta(hours=1)
        technicians = register['technicians']
        for first in range(start, stop, BATCH):
            numbers = range(first, min(first + BATCH, stop))
            clients = Party.create([{
                        'name': f"Cliente {i:05d}",
                        } for i in numbers])
            vlist = []
            for i, client in zip(numbers, clients):
                common = {
                    'company': company_id,
                    'customer': client.id,
                    'type': register['type'],
                    'channel': 'phone',
                    'priority': 'normal',
                    'area': register['area'],
                    'responsible': technicians[i % len(technicians)],
                    }
                # Open, received 3 to 13 days ago: past its 48 hours
                vlist.append({
                        **common,
                        'kind': 'complaint',
                        'received_at': now - (72 + i % 240) * hours,
                        'description': f"Siguen apareciendo ratones ({i}).",
                        'state': 'waiting',
                        })
                # Closed, received over the last twelve months, resolved in
                # 2 to 97 hours: some within their service level, some not
                received = now - dt.timedelta(
                    days=5 + (i * 29) % 360, hours=i % 24)
                resolved = received + (2 + (i * 7) % 96) * hours
                vlist.append({
                        **common,
                        'kind': KINDS[i % len(KINDS)],
                        'received_at': received,
                        'description': f"Consulta atendida ({i}).",
                        'resolution': "Resuelta por Operaciones.",
                        'resolved_at': resolved,
                        'informed_at': resolved + hours,
                        'informed_channel': 'phone',
                        'state': 'done',
                        })
            Complaint.create(vlist)
        transaction.commit()


def count_items(name, company_id):
    "The open items past their due time and all items of the company"
    from trytond.pool import Pool
    from trytond.transaction import Transaction

    with Transaction().start(name, 0, readonly=True):
        Complaint = Pool().get('sale.complaint')
        overdue = Complaint.search_count([
                ('company', '=', company_id),
                ('state', 'in', ['draft', 'waiting']),
                ('sla_due', '<', dt.datetime.now()),
                ])
        total = Complaint.search_count([('company', '=', company_id)])
        return overdue, total


def count_escalated(name):
    from trytond.pool import Pool
    from trytond.transaction import Transaction

    with Transaction().start(name, 0, readonly=True):
        Complaint = Pool().get('sale.complaint')
        return Complaint.search_count([('escalated_due', '!=', None)])


def reset_escalations(name):
    """Forget every escalation and delete the e-mails recorded, with one
    query each, to escalate from scratch (not measured)"""
    from trytond.pool import Pool
    from trytond.transaction import Transaction

    with Transaction().start(name, 0) as transaction:
        pool = Pool()
        cursor = transaction.connection.cursor()
        complaint = pool.get('sale.complaint').__table__()
        cursor.execute(*complaint.update(
                [complaint.escalated_due], [None]))
        for model in ['ir.email.address', 'ir.email']:
            table = pool.get(model).__table__()
            cursor.execute(*table.delete())
        transaction.commit()


def escalate(name, sink, counter=None, profile=None):
    """Run the escalation as the scheduler does: as root, in one
    transaction committed at the end, when the e-mails are sent

    Return the items escalated, the e-mails the sink received, the seconds
    taken (elapsed, then CPU of this process), and the queries run when
    counted."""
    from trytond.pool import Pool
    from trytond.transaction import Transaction

    escalated = count_escalated(name)
    messages = sink.messages
    context = {'_skip_warnings': True, '_cron': CRON}
    queries = None
    with Transaction().start(name, 0, context=context) as transaction:
        Complaint = Pool().get('sale.complaint')
        if counter:
            counter.start(transaction)
        if profile:
            profile.enable()
        started, cpu = time.perf_counter(), time.process_time()
        try:
            Complaint.escalate()
            transaction.commit()
            seconds = time.perf_counter() - started
            cpu = time.process_time() - cpu
        finally:
            if profile:
                profile.disable()
            if counter:
                queries = counter.stop(transaction)
    return (
        count_escalated(name) - escalated, sink.messages - messages,
        seconds, cpu, queries)


def read_index(name, company_id, kind=None, counter=None):
    """Search and read all rows of the resolution index, all fields, as the
    client's list does, for the company and the kind

    Return the rows, the items they count, the seconds taken, and the
    queries run when counted."""
    from trytond.pool import Pool
    from trytond.transaction import Transaction

    context = {'company': company_id}
    if kind:
        context['kind'] = kind
    queries = None
    with Transaction().start(name, 0, context=context) as transaction:
        Reporting = Pool().get('sale.complaint.reporting')
        if counter:
            counter.start(transaction)
        started = time.perf_counter()
        try:
            rows = Reporting.search([])
            values = Reporting.read(
                [r.id for r in rows], list(Reporting._fields))
            transaction.commit()
            seconds = time.perf_counter() - started
        finally:
            if counter:
                queries = counter.stop(transaction)
    return len(values), sum(v['received'] for v in values), seconds, queries


ESCALATION_COLUMNS = [
    # title, width, format
    ("open items", 10, '{}'),
    ("escalated", 9, '{}'),
    ("e-mails", 7, '{}'),
    ("seconds", 7, '{:.2f}'),
    ("CPU s", 7, '{:.2f}'),
    ("items/s", 7, '{:.0f}'),
    ("queries", 7, '{}'),
    ("q/item", 6, '{:.2f}'),
    ("again e-mails", 13, '{}'),
    ("again s", 7, '{:.2f}'),
    ("again queries", 13, '{}'),
    ("again q/item", 12, '{:.2f}'),
    ("peak MiB", 8, '{:.0f}'),
    ]
INDEX_COLUMNS = [
    ("open items", 10, '{}'),
    ("index items", 11, '{}'),
    ("rows", 4, '{}'),
    ("seconds", 7, '{:.3f}'),
    ("queries", 7, '{}'),
    ("complaints", 10, '{}'),
    ("kind rows", 9, '{}'),
    ("kind s", 6, '{:.3f}'),
    ("kind queries", 12, '{}'),
    ]


def measure_escalation(name, sink, n, args):
    """The escalation of N overdue items: a timed run and a second, timed,
    run that must send nothing; then both again with their queries counted
    (logging each query costs time, so the timed runs do not)"""
    reset_escalations(name)
    escalated, emails, seconds, cpu, _ = escalate(name, sink)
    escalated_again, emails_again, seconds_again, _, _ = escalate(
        name, sink)
    if escalated != n or emails != n:
        log(f"warning: {escalated} items escalated and {emails} e-mails "
            f"sent for {n} overdue items")
    if emails_again:
        log(f"warning: the second run sent {emails_again} e-mails")
    queries = queries_again = None
    if args.count:
        counter = QueryCounter(patterns=bool(args.queries))
        profile = None
        if args.profile:
            import cProfile
            profile = cProfile.Profile()
        reset_escalations(name)
        counted, _, _, _, queries = escalate(name, sink, counter, profile)
        if args.queries:
            print_patterns(f"{n} overdue items, first escalation", counter,
                args.queries)
        if profile:
            os.makedirs(args.profile, exist_ok=True)
            filename = os.path.join(args.profile, f'escalate-{n}.prof')
            profile.dump_stats(filename)
            log(f"profile of the counted run written to {filename}")
        if counted != escalated:
            log(f"warning: the counted run escalated {counted} items, the "
                f"timed one {escalated}")
        _, _, _, _, queries_again = escalate(name, sink, counter)
        if args.queries:
            print_patterns(f"{n} overdue items, second escalation", counter,
                args.queries)
    return [
        n, escalated, emails, seconds, cpu,
        escalated / seconds if seconds else None,
        queries, queries / n if queries is not None else None,
        emails_again, seconds_again, queries_again,
        queries_again / n if queries_again is not None else None]


def measure_index(name, company_id, n, total, args):
    "The resolution index of all items, then of complaints only"
    rows, items, seconds, _ = read_index(name, company_id)
    if items != total:
        log(f"warning: the index counts {items} items of {total}")
    kind_rows, complaints, kind_seconds, _ = read_index(
        name, company_id, kind='complaint')
    queries = kind_queries = None
    if args.count:
        counter = QueryCounter(patterns=bool(args.queries))
        _, _, _, queries = read_index(name, company_id, counter=counter)
        if args.queries:
            print_patterns(f"{n} overdue items, resolution index", counter,
                args.queries)
        _, _, _, kind_queries = read_index(
            name, company_id, kind='complaint', counter=counter)
    return [
        n, items, rows, seconds, queries,
        complaints, kind_rows, kind_seconds, kind_queries]


def main(argv=None):
    args = parse_args(argv)
    configure(args)
    from trytond import backend

    name = args.database
    create_database(name)
    sink, controller = start_sink()
    try:
        company_id = create_company(name)
        register = create_register(name, company_id)
        items = 0
        escalation_lines, index_lines = [], []
        print(
            f"Escalation of overdue complaints on {backend.name}: open "
            "complaints past their due time, routed to a technician and the "
            "head of Operations (one e-mail each to both); \"again\" is a "
            "second run, which must send nothing.", flush=True)
        if not args.queries:
            print(table_header(ESCALATION_COLUMNS), flush=True)
        for n in args.sizes:
            log(f"adding open and closed items {items + 1} to {n}")
            add_items(name, company_id, register, items, n)
            items = n
            overdue, total = count_items(name, company_id)
            assert (overdue, total) == (n, 2 * n), (overdue, total)
            log(f"escalating {n} overdue items (peak memory so far "
                f"{peak_memory():.0f} MiB)")
            escalation = measure_escalation(name, sink, n, args)
            log(f"reading the resolution index of {total} items")
            index_lines.append(table_line(
                    INDEX_COLUMNS,
                    measure_index(name, company_id, n, total, args)))
            escalation_lines.append(table_line(
                    ESCALATION_COLUMNS, escalation + [peak_memory()]))
            if not args.queries:
                print(escalation_lines[-1], flush=True)
        if args.queries:
            print(table_header(ESCALATION_COLUMNS))
            print('\n'.join(escalation_lines))
        print(
            "\nResolution index: search and read of all its rows (one a "
            "month), all fields, for the open and closed items of the "
            "company, then for complaints only (context kind).")
        print(table_header(INDEX_COLUMNS))
        print('\n'.join(index_lines), flush=True)
    finally:
        controller.stop()
        if not args.keep:
            drop_database(name)
    return 0


if __name__ == '__main__':
    sys.exit(main())
