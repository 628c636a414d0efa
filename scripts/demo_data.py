"""Load the TERRA GROUP S.A. demo data set into a Tryton database.

The data walks PRO 008 from lead capture to contract: the company and its
staff (one user per role), the service catalogue, Spanish clients with their
premises, leads from every channel, contract quotations (issued, revised,
accepted) and one-off quotations. Then PRO 008 5.3: the running contracts'
visits planned for the next 60 days and assigned to qualified technicians,
and the documented visits of the last weeks (checklist, products applied,
service certificate), one of them amended, one visit rescheduled and one
cancelled. Then a year of the register of complaints and requests (PRO 008
5.2.1, 5.4.2, section 6): registered by Atención al Cliente, routed to their
area, resolved, closed once the client is told, their causes corrected;
some service requests made leads, the last weeks' items still being worked,
a few overdue. Everything goes through proteus, so the same business rules
apply as in the web client; only the time stamps of the routing traces, which
no user may change, are set back on the server.

Run it once on a database where the TERRA modules are activated; a second run
finds the company and stops.
"""
import argparse
import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal
from itertools import groupby
from zoneinfo import ZoneInfo

from dateutil import rrule
from dateutil.relativedelta import relativedelta

from proteus import Model, Wizard
from proteus import config as proteus_config

# The planner's own rules, so that past visits follow them too
from terra_client_mgmt.intervention import open_day, to_utc

COMPANY_NAME = "TERRA GROUP S.A."
TIMEZONE = 'Europe/Madrid'
# The day as the company's clock shows it, as Tryton sees it.
COMPANY_TZ = ZoneInfo(TIMEZONE)
TODAY = dt.datetime.now(COMPANY_TZ).date()
# Contracts start at the beginning of next month, the usual practice.
NEXT_MONTH = TODAY + relativedelta(months=1, day=1)
# The running contracts: some for months, so that their visits have a
# history; the bakery's starts next month.
CONTRACT_STARTS = {
    'fogon': TODAY + relativedelta(months=-3, day=1),
    'ebro': TODAY + relativedelta(months=-2, day=1),
    'conservas': TODAY - dt.timedelta(days=70),
    'clinica': TODAY - dt.timedelta(days=45),
    'panaderia': NEXT_MONTH,
    }

# login, name, role groups (fs_id in terra_client_mgmt), job title
STAFF = [
    ('gerencia', "Carmen Rodríguez Sánchez", ['group_management'],
        "Directora General"),
    ('comercial', "Laura Gómez Herrera", ['group_commercial'],
        "Responsable Comercial"),
    ('operaciones', "Miguel Ángel Díaz Moreno",
        ['group_operations', 'group_operations_supervisor'],
        "Jefe de Operaciones"),
    ('atencion', "Lucía Navarro Castillo", ['group_customer_care'],
        "Atención al Cliente"),
    ('sgc', "Pedro Jiménez Ortega", ['group_quality'],
        "Responsable del SGC"),
    # Technicians see and record only the visits assigned to them.
    ('tecnico1', "Antonio Romero Vidal", ['group_operations'],
        "Técnico Aplicador de Biocidas"),
    ('tecnico2', "Sergio Molina Prieto", ['group_operations'],
        "Técnico Aplicador de Biocidas"),
    ]
TECHNICIANS = ['tecnico1', 'tecnico2']
PASSWORD_SUFFIX = '-terra-2026'

# The licences of the technicians: login, treatment type, licence number,
# expiry (days from today), notes. Sergio's disinfection licence has expired.
QUALIFICATIONS = [
    ('tecnico1', 'DRT', 'ROESB-28/2231', 540, None),
    ('tecnico1', 'DIN', 'ROESB-28/2231', 540, None),
    ('tecnico1', 'DDF', 'ROESB-28/2231', 540, None),
    ('tecnico1', 'FUM', 'FUM-28/0318', 410,
        "Carné de aplicador de fumigantes (nivel especial)"),
    ('tecnico2', 'DRT', 'ROESB-50/1187', 690, None),
    ('tecnico2', 'DIN', 'ROESB-50/1187', 690, None),
    ('tecnico2', 'DDF', 'ROESB-50/0964', -20,
        "Renovación solicitada; no asignar desinfecciones hasta recibirla"),
    ('tecnico2', 'LTQ', 'LEG-50/0472', 380,
        "Curso de prevención de la legionelosis (RD 487/2022)"),
    ]

PROVINCES = {
    'ES-M': "Madrid",
    'ES-B': "Barcelona",
    'ES-V': "Valencia",
    'ES-SE': "Sevilla",
    'ES-GR': "Granada",
    'ES-MA': "Málaga",
    'ES-Z': "Zaragoza",
    'ES-BI': "Bizkaia",
    'ES-S': "Cantabria",
    }

TREATMENT_TYPES = [
    ('FUM', "Fumigación"),
    ('DRT', "Desratización"),
    ('DIN', "Desinsectación"),
    ('DDF', "Desinfección"),
    ('LTQ', "Limpieza de tanques"),
    ]

# code, name, treatment type, [(step, mandatory)]
PROCEDURES = [
    ('PT-01', "Fumigación de espacios cerrados", 'FUM', [
            ("Comprobar que el local está desalojado de personas y animales",
                True),
            ("Proteger o retirar alimentos y utensilios", True),
            ("Sellar puertas, ventanas y conductos", True),
            ("Aplicar el producto según su ficha técnica", True),
            ("Señalizar el plazo de seguridad en los accesos", True),
            ("Ventilar y medir antes de autorizar la reentrada", True),
            ]),
    ('PT-02', "Control de roedores", 'DRT', [
            ("Inspeccionar indicios: excrementos, roeduras, sendas", True),
            ("Revisar y reponer los portacebos de cada estación", True),
            ("Registrar el consumo de cebo por estación", True),
            ("Sellar los puntos de entrada detectados", False),
            ("Actualizar el plano de estaciones", False),
            ]),
    ('PT-03', "Control de insectos rastreros y voladores", 'DIN', [
            ("Identificar la especie y los focos", True),
            ("Aplicar gel insecticida en grietas y hendiduras", True),
            ("Revisar trampas de monitorización y lámparas UV", True),
            ("Recomendar medidas de higiene y exclusión", False),
            ]),
    ('PT-04', "Desinfección de superficies y ambientes", 'DDF', [
            ("Limpiar las superficies antes de desinfectar", True),
            ("Preparar la dilución del biocida registrado", True),
            ("Respetar el tiempo de contacto del producto", True),
            ("Anotar el lote y la dosis aplicada", True),
            ]),
    ('PT-05', "Limpieza y desinfección de depósitos de agua", 'LTQ', [
            ("Vaciar el depósito y retirar sedimentos", True),
            ("Limpiar paredes y fondo con medios mecánicos", True),
            ("Hiperclorar y respetar el tiempo de contacto", True),
            ("Aclarar, llenar y medir el cloro libre residual", True),
            ("Tomar muestra para analítica de laboratorio", False),
            ]),
    ]

# name, (freq, interval)
RECURRENCES = [
    ("Semanal", ('weekly', 1)),
    ("Quincenal", ('weekly', 2)),
    ("Mensual", ('monthly', 1)),
    ("Trimestral", ('monthly', 3)),
    ("Semestral", ('monthly', 6)),
    ]

# code, name, treatment type, procedure, price, recurrence (None: one-off)
SERVICES = [
    ('DRT-M', "Desratización – mantenimiento mensual", 'DRT', 'PT-02',
        '95.00', "Mensual"),
    ('DRT-Q', "Desratización – revisión quincenal (industria alimentaria)",
        'DRT', 'PT-02', '70.00', "Quincenal"),
    ('DRT-T', "Desratización – revisión trimestral", 'DRT', 'PT-02',
        '120.00', "Trimestral"),
    ('DIN-M', "Desinsectación – mantenimiento mensual", 'DIN', 'PT-03',
        '85.00', "Mensual"),
    ('DIN-S', "Desinsectación intensiva – visita semanal", 'DIN', 'PT-03',
        '60.00', "Semanal"),
    ('DDF-T', "Desinfección de instalaciones – trimestral", 'DDF', 'PT-04',
        '180.00', "Trimestral"),
    ('LTQ-S', "Limpieza y desinfección de depósitos – semestral", 'LTQ',
        'PT-05', '320.00', "Semestral"),
    ('FUM-P', "Fumigación puntual de locales", 'FUM', 'PT-01',
        '450.00', None),
    ('DIN-P', "Tratamiento de choque contra cucarachas", 'DIN', 'PT-03',
        '150.00', None),
    ('DDF-P', "Desinfección puntual de choque", 'DDF', 'PT-04',
        '200.00', None),
    ('LTQ-P', "Limpieza de depósito de agua (servicio puntual)", 'LTQ',
        'PT-05', '350.00', None),
    ]

# Biocides applied on visits: code, name, unit (fs_id in product),
# registration number, active ingredient, concentration, re-entry period
CHEMICALS = [
    ('BIO-01', "Cebo rodenticida en bloque parafinado", 'uom_kilogram',
        'ES/RM-2021-14-00712', "Brodifacoum", "0,0025 % p/p",
        "No aplica: cebo dentro de portacebos de seguridad cerrados"),
    ('BIO-02', "Insecticida concentrado emulsionable", 'uom_liter',
        '20-30-09817', "Cipermetrina", "10 % p/v",
        "12 horas; ventilar una hora antes de ocupar el local"),
    ('BIO-03', "Insecticida microencapsulado de acción residual",
        'uom_liter', 'ES/MR-2020-18-00489', "Deltametrina", "2,5 % p/v",
        "4 horas, hasta que las superficies estén secas"),
    ('BIO-04', "Desinfectante clorado para superficies y depósitos",
        'uom_liter', '17-20/40-09076-HA', "Hipoclorito sódico",
        "15 % (150 g/l de cloro activo)",
        "1 hora; aclarar las superficies en contacto con alimentos"),
    ]

# Parties that bring business but are not clients.
PARTNERS = [
    {'name': "Asociación de Hosteleros de Madrid", 'nif': 'G78120342',
        'email': 'socios@hosteleros-madrid.example',
        'phone': '+34 915 210 430',
        'address': ("Calle de Velázquez", '48', '28001', "Madrid", 'ES-M')},
    {'name': "Inmobiliaria Levante Gestión S.L.", 'nif': 'B28345692',
        'email': 'administracion@levantegestion.example',
        'phone': '+34 963 512 874',
        'address': ("Avenida del Puerto", '112', '46023', "Valencia",
            'ES-V')},
    ]

# Clients: contact data, specific needs, special requirements and the
# premises recorded on each address (PRO 008 5.1.2).
CLIENTS = [
    {
        'key': 'fogon',
        'name': "Restaurante El Fogón de Lavapiés S.L.",
        'nif': 'B86532108',
        'phone': '+34 914 678 231',
        'mobile': '+34 654 231 987',
        'email': 'reservas@elfogon.example',
        'needs': "Plan de control de plagas (desratización y "
        "desinsectación) integrado en el sistema APPCC del restaurante; "
        "certificados de cada visita para la inspección sanitaria.",
        'requirements': "Solo productos autorizados para la industria "
        "alimentaria. Intervenciones fuera del horario de servicio.",
        'addresses': [{
            'street': (
                "Calle del Ave María", '12', '28012', "Madrid", 'ES-M'),
            'premises_type': 'restaurant',
            'area': '180',
            'sensitive_areas': "Cocina, cámara frigorífica y almacén de "
            "secos.",
            'access_instructions': "Entrada de mercancías por la calle "
            "Salitre. Preguntar por el jefe de cocina, Andrés.",
            'opening_hours': "Mar-Dom 12:00-16:30 y 20:00-24:00",
            'visit_hours': ('09:00', '11:30'),
            'closed_days': ['0'],
            }],
        },
    {
        'key': 'hotel',
        'name': "Hotel Mirador de la Alhambra S.A.",
        'nif': 'A39071543',
        'phone': '+34 958 221 440',
        'email': 'mantenimiento@hotelmirador.example',
        'needs': "Control de plagas en 64 habitaciones, cocina y jardines; "
        "prevención de chinches de cama.",
        'requirements': "Sin olores en zonas de clientes. Las habitaciones "
        "ocupadas no se tratan; coordinar con gobernanta.",
        'addresses': [{
            'street': (
                "Cuesta de Gomérez", '21', '18009', "Granada", 'ES-GR'),
            'premises_type': 'hotel',
            'area': '4200',
            'sensitive_areas': "Cocina, buffet de desayunos, lavandería y "
            "piscina.",
            'allergies': True,
            'access_instructions': "Acceso de servicio por el parking "
            "trasero; identificarse en recepción.",
            'opening_hours': "24 horas; tratamientos de 10:00 a 13:00",
            'visit_hours': ('10:00', '13:00'),
            }],
        },
    {
        'key': 'colegio',
        'name': "Colegio Santa Teresa de Jesús",
        'nif': 'R4612837G',
        'phone': '+34 963 404 118',
        'email': 'secretaria@colegiost.example',
        'needs': "Desratización del patio y comedor, desinsectación de "
        "cocina y vestuarios.",
        'requirements': "Intervenciones solo en periodo no lectivo o fines "
        "de semana. Fichas de seguridad de los productos a la dirección.",
        'addresses': [{
            'street': (
                "Calle de Guillem de Castro", '73', '46008', "Valencia",
                'ES-V'),
            'premises_type': 'school',
            'area': '3500',
            'sensitive_areas': "Comedor, cocina, aulas de infantil y "
            "arenero del patio.",
            'children': True,
            'allergies': True,
            'access_instructions': "Conserje: Julián (ext. 201). Llaves en "
            "conserjería.",
            'opening_hours': "Lun-Vie 08:00-17:30",
            'visit_hours': ('17:45', '20:00'),
            'closed_days': ['6'],
            }],
        },
    {
        'key': 'ebro',
        'name': "Logística Ebro Distribución S.L.",
        'nif': 'B50172642',
        'phone': '+34 976 458 300',
        'email': 'calidad@logisticaebro.example',
        'needs': "Control de roedores e insectos en nave de alimentación "
        "seca; auditorías IFS Logistics.",
        'requirements': "Plano de estaciones actualizado y registros "
        "exportables para auditoría.",
        'addresses': [{
            'street': ("Calle Bari", '25', '50197', "Zaragoza", 'ES-Z'),
            'premises_type': 'warehouse',
            'area': '12000',
            'sensitive_areas': "Muelles de carga y zona de alimentación "
            "seca.",
            'access_instructions': "Acceso por la puerta 3 de la "
            "Plataforma Logística PLAZA. Chaleco obligatorio.",
            'opening_hours': "Lun-Sáb 06:00-22:00",
            'visit_hours': ('07:00', '14:00'),
            'closed_days': ['6'],
            }, {
            'street': (
                "Paseo de la Independencia", '24', '50004', "Zaragoza",
                'ES-Z'),
            'premises_type': 'office',
            'area': '320',
            'opening_hours': "Lun-Vie 09:00-18:00",
            'visit_hours': ('09:00', '18:00'),
            'closed_days': ['5', '6'],
            }],
        },
    {
        'key': 'clinica',
        'name': "Clínica Dental Sonrisas Sevilla S.L.P.",
        'nif': 'B41288069',
        'phone': '+34 954 227 915',
        'email': 'gerencia@sonrisassevilla.example',
        'needs': "Desinfección periódica de gabinetes y sala de espera.",
        'requirements': "Biocidas compatibles con material sanitario; sin "
        "tratamientos con pacientes en la clínica.",
        'addresses': [{
            'street': (
                "Avenida de la Constitución", '18', '41004', "Sevilla",
                'ES-SE'),
            'premises_type': 'health_centre',
            'area': '210',
            'sensitive_areas': "Gabinetes y sala de esterilización.",
            'allergies': True,
            'opening_hours': "Lun-Vie 09:00-21:00",
            'visit_hours': ('07:30', '08:45'),
            'closed_days': ['5', '6'],
            }],
        },
    {
        'key': 'panaderia',
        'name': "Panadería Hermanos Ortega S.L.",
        'nif': 'B12876454',
        'phone': '+34 952 331 876',
        'email': 'obrador@hnosortega.example',
        'needs': "Control de insectos en harinas (polillas, gorgojos) y de "
        "roedores en el obrador.",
        'requirements': "El obrador trabaja de noche: visitas entre 11:00 "
        "y 15:00.",
        'addresses': [{
            'street': (
                "Calle Carretería", '57', '29008', "Málaga", 'ES-MA'),
            'premises_type': 'shop',
            'area': '240',
            'sensitive_areas': "Obrador, silo de harina y despacho de pan.",
            'opening_hours': "Lun-Sáb 07:00-14:00",
            'visit_hours': ('11:00', '15:00'),
            'closed_days': ['6'],
            }],
        },
    {
        'key': 'coworking',
        'name': "Oficinas Bilbao Centro Coworking S.L.",
        'nif': 'B91345728',
        'phone': '+34 944 152 660',
        'email': 'hola@bilbaocentro.example',
        'needs': "Desinfección de zonas comunes y office.",
        'addresses': [{
            'street': (
                "Gran Vía de Don Diego López de Haro", '45', '48011',
                "Bilbao", 'ES-BI'),
            'premises_type': 'office',
            'area': '850',
            'opening_hours': "Lun-Vie 08:00-20:00",
            'visit_hours': ('18:00', '20:00'),
            'closed_days': ['5', '6'],
            }],
        },
    {
        'key': 'conservas',
        'name': "Conservas del Cantábrico S.L.",
        'nif': 'B48209316',
        'phone': '+34 942 608 114',
        'email': 'produccion@conservascantabrico.example',
        'needs': "Limpieza y desinfección de los depósitos de agua de "
        "proceso; control de aves y roedores.",
        'requirements': "Certificado de limpieza para el registro "
        "sanitario (RD 3/2023).",
        'addresses': [{
            'street': (
                "Barrio La Magdalena", '3', '39740', "Santoña", 'ES-S'),
            'premises_type': 'industry',
            'area': '5600',
            'sensitive_areas': "Sala de envasado y depósitos de agua "
            "(2 x 30 m³).",
            'access_instructions': "Recepción en la portería; EPI y gorro "
            "obligatorios en fábrica.",
            'opening_hours': "Lun-Vie 06:00-22:00",
            'visit_hours': ('08:00', '14:00'),
            'closed_days': ['5', '6'],
            }],
        },
    {
        'key': 'olivos',
        'name': "Comunidad de Propietarios Residencial Los Olivos",
        'nif': 'H45602133',
        'phone': '+34 961 205 744',
        'email': 'presidencia@losolivos.example',
        'needs': "Desratización de garajes y zonas comunes.",
        'requirements': "Avisar a los vecinos con 48 horas de antelación.",
        'addresses': [{
            'street': (
                "Avenida de las Cortes Valencianas", '31', '46015',
                "Valencia", 'ES-V'),
            'premises_type': 'home',
            'area': '2600',
            'sensitive_areas': "Zona infantil y piscina comunitaria.",
            'children': True,
            'pets': True,
            'access_instructions': "Llave del garaje en portería "
            "(Sr. Ramón).",
            'opening_hours': "Portería Lun-Vie 08:00-14:00",
            'visit_hours': ('09:00', '13:00'),
            'closed_days': ['5', '6'],
            }],
        },
    {
        'key': 'dolores',
        'name': "María Dolores Fernández Ruiz",
        'nif': '50728319W',
        'mobile': '+34 620 448 913',
        'email': 'mdolores.fernandez@correo.example',
        'needs': "Cucarachas en la cocina del piso.",
        'requirements': "Tiene un perro y un bebé: producto sin olor y "
        "plazo de seguridad indicado por escrito.",
        'addresses': [{
            'street': (
                "Calle de Fuencarral", '128', '28010', "Madrid", 'ES-M'),
            'floor_number': "3º B",
            'premises_type': 'home',
            'area': '85',
            'sensitive_areas': "Cocina y habitación del bebé.",
            'children': True,
            'pets': True,
            'access_instructions': "Portero automático 3º B.",
            'opening_hours': "Tardes a partir de las 16:00",
            'visit_hours': ('16:30', '20:00'),
            'closed_days': ['6'],
            }],
        },
    {
        'key': 'javier',
        'name': "Javier Martín Gómez",
        'nif': '23984716V',
        'mobile': '+34 677 102 554',
        'email': 'javier.martin@correo.example',
        'needs': "Desratización del jardín y limpieza del aljibe.",
        'requirements': "Alergia al polen en la familia: evitar "
        "pulverizaciones en exterior con viento.",
        'addresses': [{
            'street': (
                "Calle de los Almendros", '9', '28224',
                "Pozuelo de Alarcón", 'ES-M'),
            'premises_type': 'home',
            'area': '250',
            'sensitive_areas': "Aljibe de 10 m³ y caseta del perro.",
            'pets': True,
            'allergies': True,
            'access_instructions': "Chalet con cancela; llamar al móvil al "
            "llegar.",
            'opening_hours': "Sábados por la mañana",
            'visit_hours': ('09:30', '13:30'),
            'closed_days': ['0', '1', '2', '3', '4', '6'],
            }],
        },
    {
        'key': 'anabelen',
        'name': "Ana Belén Torres Navarro",
        'nif': '46120573F',
        'mobile': '+34 699 871 230',
        'email': 'anabelen.torres@correo.example',
        'needs': "Hormigas en la terraza y la cocina.",
        'requirements': "Persona alérgica en casa: comunicar los productos "
        "antes de la visita.",
        'addresses': [{
            'street': ("Calle de Colón", '40', '46004', "Valencia", 'ES-V'),
            'floor_number': "5º",
            'premises_type': 'home',
            'area': '110',
            'allergies': True,
            'opening_hours': "Lun-Vie a partir de las 18:00",
            'visit_hours': ('18:00', '20:30'),
            'closed_days': ['5', '6'],
            }],
        },
    {
        'key': 'huerta',
        'name': "Lucía Pérez Campos",
        'nif': '71839204S',
        'phone': '+34 933 187 402',
        'email': 'lahuerta@correo.example',
        'needs': "Frutería «La Huerta de Lucía»: mosca de la fruta y "
        "roedores en el almacén.",
        'addresses': [{
            'street': (
                "Carrer de Sant Antoni Maria Claret", '214', '08041',
                "Barcelona", 'ES-B'),
            'premises_type': 'shop',
            'area': '95',
            'sensitive_areas': "Cámara de fruta y almacén.",
            'opening_hours': "Lun-Sáb 08:30-20:30",
            'visit_hours': ('08:30', '10:30'),
            'closed_days': ['6'],
            }],
        },
    ]

# Who usually serves each client: each technician keeps his zone and the
# other stands in when needed.
ZONES = {
    'fogon': 'tecnico1',
    'clinica': 'tecnico1',
    'panaderia': 'tecnico1',
    'dolores': 'tecnico1',
    'ebro': 'tecnico2',
    'conservas': 'tecnico2',
    }

# Who receives the service for the client: name (position), DNI
REPRESENTATIVES = {
    'fogon': ("Andrés Salcedo Ruiz (jefe de cocina)", '51234876F'),
    'ebro': ("Nuria Gracia Lafuente (jefa de almacén)", '17345982A'),
    'conservas': ("Iker Sainz Ruiz (encargado de mantenimiento)", '72918364S'),
    'clinica': ("Elena Bravo Marín (higienista dental)", '28761540V'),
    }

# The documented visits of the last weeks, the last occurrences of each
# contract line: client, service, [report of each visit, oldest first],
# [(product, dose, quantity, method, treated area, target pest, lot)]
VISIT_REPORTS = [
    ('fogon', 'DRT-M', [{
                'findings': "Consumo de cebo en 2 de los 12 portacebos del "
                "patio de mercancías; sin indicios en cocina ni cámara.",
                'recommendations': "Colocar un burlete en la puerta de "
                "mercancías de la calle Salitre.",
                }, {
                'findings': "Sin consumo de cebo ni indicios de roedores. "
                "El burlete de la puerta de mercancías ya está colocado.",
                'recommendations': "Mantener los sacos del almacén de secos "
                "separados de la pared y elevados del suelo.",
                }], [
            ('BIO-01', "20 g por portacebos", 0.24, 'bait',
                "Patio de mercancías, almacén de secos y cámara "
                "(12 portacebos)", "Rata parda (Rattus norvegicus)",
                'L2608-118'),
            ]),
    ('fogon', 'DIN-M', [{
                'findings': "Cucaracha rubia en la arqueta bajo el "
                "lavavajillas (3 ejemplares en la trampa de monitorización).",
                'recommendations': "Sellar la junta del zócalo detrás del "
                "lavavajillas y no dejar agua estancada por la noche.",
                }, {
                'findings': "Trampas de monitorización sin capturas. Junta "
                "del zócalo sellada.",
                'recommendations': "Seguir vaciando la basura de cocina al "
                "cierre del servicio.",
                # A typo the amendment corrects
                'identifier': '51234867F',
                'amend': ('client_representative_identifier', '51234876F',
                    "El técnico anotó mal el DNI del jefe de cocina; se "
                    "corrige según la copia firmada del certificado."),
                }], [
            ('BIO-03', "25 ml en 5 l de agua", 0.05, 'spray',
                "Cocina, office y arquetas de desagüe",
                "Cucaracha rubia (Blattella germanica)", 'D2605-044'),
            ]),
    ('ebro', 'DRT-M', [{
                'findings': "Actividad de ratón en 3 de los 30 portacebos del "
                "muelle 4; una entrada bajo la puerta seccional.",
                'recommendations': "Reparar el cepillo inferior de la puerta "
                "seccional del muelle 4. Plano de estaciones actualizado.",
                }], [
            ('BIO-01', "40 g por portacebos", 1.2, 'bait',
                "Perímetro exterior y muelles de carga (30 portacebos)",
                "Ratón doméstico (Mus musculus)", 'L2608-118'),
            ]),
    ('ebro', 'DIN-S', [{
                'findings': "Cucaracha americana en la arqueta del muelle 2; "
                "trampas de feromonas de la zona de secos sin capturas.",
                'recommendations': "Mantener cerradas las tapas de las "
                "arquetas de pluviales.",
                }, {
                'findings': "Sin capturas en trampas de feromonas ni "
                "indicios en muelles.",
                'recommendations': "Ninguna nueva; registros listos para la "
                "auditoría IFS.",
                }], [
            ('BIO-02', "50 ml en 5 l de agua", 0.1, 'spray',
                "Muelles de carga 1 a 6 y arquetas perimetrales",
                "Cucaracha americana (Periplaneta americana)", 'C2603-217'),
            ]),
    ('conservas', 'DRT-Q', [{
                'findings': "Sin consumo de cebo en el interior; consumo "
                "leve en 2 portacebos junto al muelle de pescado.",
                'recommendations': "Retirar los palés vacíos acumulados "
                "junto al muelle de pescado.",
                }, {
                'findings': "Sin consumo ni indicios. Palés retirados.",
                'recommendations': "Mantener despejado el perímetro de la "
                "nave.",
                }], [
            ('BIO-01', "40 g por portacebos", 0.8, 'bait',
                "Perímetro de la fábrica y muelle de pescado (20 portacebos)",
                "Rata parda (Rattus norvegicus)", 'L2608-118'),
            ]),
    ('conservas', 'LTQ-S', [{
                'findings': "Sedimentos y biocapa en el fondo del depósito 2. "
                "Cloro libre residual tras el aclarado: 0,8 mg/l.",
                'recommendations': "Revisar la tapa del depósito 2, que no "
                "cierra hermética. Muestra enviada al laboratorio.",
                }], [
            ('BIO-04', "Hipercloración a 50 mg/l de cloro libre, 3 h de "
                "contacto", 20.0, 'other',
                "Depósitos de agua de proceso (2 x 30 m³)",
                "Legionella y contaminación microbiológica (prevención)",
                'H2609-031'),
            ]),
    ('clinica', 'DDF-T', [{
                'findings': "Superficies en buen estado; desagüe del gabinete "
                "3 con olor.",
                'recommendations': "Limpiar el sifón del gabinete 3 y "
                "ventilar la sala de esterilización a diario.",
                }], [
            ('BIO-04', "Dilución 1:50 (3.000 mg/l de cloro activo)", 0.6,
                'wiping', "Gabinetes 1 a 4, sala de esterilización y sala "
                "de espera", "Bacterias, hongos y virus", 'H2609-031'),
            ]),
    ]
# How long a documented visit took, in minutes, by treatment type
VISIT_MINUTES = {'DRT': 55, 'DIN': 45, 'DDF': 80, 'LTQ': 210, 'FUM': 120}

# A future visit moved and another cancelled: client, service, reason
RESCHEDULE = ('fogon', 'DRT-M', "El restaurante cierra ese día por "
    "inventario; el jefe de cocina pide pasar la visita al día siguiente a "
    "la misma hora.")
CANCEL = ('conservas', 'DRT-Q', "Parada anual de la fábrica por "
    "mantenimiento: el cliente anula esta revisión; las estaciones se "
    "revisan en la siguiente visita quincenal.")

# The register of complaints and requests (PRO 008 5.2.1, 5.4.2, section 6):
# a year of items, the same at each run of a day.
COMPLAINT_SEED = 8008
# The head of each area (fs_id complaint_area_<key>): login
COMPLAINT_AREA_HEADS = {
    'customer_care': 'atencion',
    'commercial': 'comercial',
    'operations': 'operaciones',
    'management': 'gerencia',
    }
# Who works the items of each area
COMPLAINT_AREA_USERS = COMPLAINT_AREA_HEADS
COMPLAINT_TYPES = [
    ('treatment', "Resultado del tratamiento"),
    ('punctuality', "Puntualidad y horario"),
    ('staff', "Trato del personal"),
    ('billing', "Facturación"),
    ('information', "Información sobre servicios"),
    ('new_service', "Nuevo servicio"),
    ]
# sequence, kind, type (None: any type), area; the first match wins
COMPLAINT_ROUTING = [
    *((10, kind, type_, 'operations')
        for kind in ['complaint', 'claim']
        for type_ in ['treatment', 'punctuality', 'staff']),
    (20, 'complaint', 'billing', 'commercial'),
    (20, 'claim', 'billing', 'management'),
    (20, 'complaint', 'information', 'commercial'),
    (20, 'claim', 'information', 'commercial'),
    (90, 'complaint', None, 'customer_care'),
    (90, 'claim', None, 'management'),
    (90, 'query', None, 'customer_care'),
    (90, 'service_request', None, 'commercial'),
    ]
# Hours from reception to resolution: kind: {priority: hours}
SERVICE_LEVELS = {
    'complaint': {'urgent': 4, 'high': 24, 'normal': 48, 'low': 72},
    'claim': {'urgent': 8, 'high': 48, 'normal': 72, 'low': 120},
    'query': {'urgent': 24, 'high': 48, 'normal': 72, 'low': 120},
    'service_request': {'urgent': 24, 'high': 48, 'normal': 72, 'low': 96},
    }
# How often each kind, priority, channel and subject comes: (value, weight)
COMPLAINT_KINDS = [
    ('query', 38), ('complaint', 32), ('service_request', 18), ('claim', 12)]
COMPLAINT_PRIORITIES = {
    'complaint': [('urgent', 8), ('high', 30), ('normal', 50), ('low', 12)],
    'claim': [('urgent', 5), ('high', 35), ('normal', 50), ('low', 10)],
    'query': [('urgent', 2), ('high', 13), ('normal', 55), ('low', 30)],
    'service_request': [
        ('urgent', 3), ('high', 17), ('normal', 50), ('low', 30)],
    }
COMPLAINT_CHANNELS = {
    'complaint': [
        ('phone', 40), ('email', 25), ('whatsapp', 15), ('visit', 15),
        ('survey', 5)],
    'claim': [('email', 50), ('phone', 25), ('web', 15), ('whatsapp', 10)],
    'query': [('phone', 35), ('email', 25), ('whatsapp', 25), ('web', 15)],
    'service_request': [
        ('phone', 30), ('email', 25), ('web', 25), ('whatsapp', 10),
        ('visit', 10)],
    }
COMPLAINT_SUBJECTS = {
    'complaint': [
        ('treatment', 40), ('punctuality', 25), ('staff', 12),
        ('billing', 13), ('information', 10)],
    'claim': [
        ('treatment', 35), ('billing', 35), ('punctuality', 10),
        ('staff', 10), ('information', 10)],
    'query': [
        ('information', 55), ('billing', 25), ('punctuality', 10),
        ('treatment', 10)],
    'service_request': [('new_service', 100)],
    }
# How the client is told the resolution, by the channel of the item
INFORMED_CHANNELS = {
    'phone': 'phone', 'email': 'email', 'whatsapp': 'whatsapp',
    'visit': 'in_person', 'web': 'email', 'survey': 'phone',
    }
# Who complains about the service (the running contracts' clients) and who
# asks (anybody): client key: weight
SERVED_CLIENTS = {'fogon': 5, 'ebro': 5, 'conservas': 4, 'clinica': 3}
ASKING_CLIENTS = {
    'fogon': 3, 'ebro': 3, 'conservas': 3, 'clinica': 3, 'panaderia': 2,
    'hotel': 1, 'colegio': 1, 'olivos': 1, 'dolores': 1, 'javier': 1,
    'anabelen': 1, 'huerta': 1, 'coworking': 1,
    }
# The services of the clients that complain about a treatment
CLIENT_SERVICES = {
    'fogon': ['DRT-M', 'DIN-M'],
    'ebro': ['DRT-M', 'DIN-S'],
    'conservas': ['DRT-Q', 'LTQ-S'],
    'clinica': ['DDF-T'],
    }
# Complaints and claims: subject (treatment type for a treatment): [(what
# the client says, how the area resolved it)]
PROBLEM_TEXTS = {
    'DRT': [
        ("Siguen apareciendo excrementos de ratón en el almacén pese a la "
            "última revisión de los portacebos.",
            "Visita de refuerzo: se repusieron los portacebos del almacén y "
            "se sellaron dos accesos bajo la puerta de mercancías."),
        ("Un empleado vio una rata en el patio de carga a los pocos días "
            "de la visita.",
            "Se añadieron cuatro estaciones en el patio de carga y se revisó "
            "el consumo a la semana: sin nueva actividad."),
        ("Portacebos desplazados y abiertos en la zona de paso del "
            "personal.",
            "Se fijaron los portacebos a la pared y se cambiaron por modelos "
            "con llave; plano de estaciones actualizado."),
        ],
    'DIN': [
        ("Siguen apareciendo cucarachas en la cocina una semana después del "
            "tratamiento.",
            "Tratamiento de choque con gel en grietas y arquetas y trampas de "
            "monitorización adicionales; sin capturas en la revisión."),
        ("Moscas en la zona de producción tras la revisión de las lámparas "
            "UV.",
            "Sustitución de las placas adhesivas y de un tubo UV agotado; se "
            "recomienda mantener cerradas las puertas del muelle."),
        ("Hormigas en el office dos días después de la aplicación.",
            "Nueva aplicación de cebo en gel en los puntos de entrada; el "
            "cliente confirma que han desaparecido."),
        ],
    'DDF': [
        ("Olor persistente en los gabinetes tras la desinfección; el "
            "personal se queja de molestias.",
            "Se ventiló y se explicó el plazo de seguridad; la próxima "
            "desinfección se hará con un producto sin olor."),
        ("Quedaron restos del producto en las superficies de trabajo.",
            "Limpieza de las superficies en una visita sin coste y "
            "recordatorio del aclarado final al técnico."),
        ],
    'LTQ': [
        ("La analítica posterior a la limpieza del depósito da cloro libre "
            "por debajo del mínimo.",
            "Nueva hipercloración del depósito y segunda analítica dentro de "
            "los valores; certificado reenviado."),
        ("El depósito quedó con sedimentos en el fondo tras la limpieza.",
            "Segundo vaciado y limpieza mecánica del fondo sin coste; "
            "fotografías del resultado enviadas al cliente."),
        ],
    'punctuality': [
        ("El técnico llegó con más de una hora de retraso sin avisar.",
            "Disculpas por teléfono; se revisó la ruta del técnico para dejar "
            "margen entre visitas."),
        ("La visita programada no se hizo y nadie avisó al cliente.",
            "Visita hecha al día siguiente a primera hora; se avisará por "
            "teléfono de cualquier cambio."),
        ("El técnico se presentó en pleno servicio, fuera del horario "
            "acordado.",
            "Se corrigió el horario de visita en la ficha del local y se "
            "reprogramó la visita en la franja acordada."),
        ],
    'staff': [
        ("El técnico no llevaba el uniforme ni la tarjeta identificativa.",
            "Recordatorio al técnico del código de vestimenta y "
            "disculpas al cliente."),
        ("El técnico dejó embalajes y restos de producto en el almacén.",
            "Se volvió a retirar los restos y se recordó al equipo el "
            "protocolo de limpieza al acabar la visita."),
        ("El técnico no explicó el plazo de seguridad del producto "
            "aplicado.",
            "Se envió por correo la ficha de seguridad y el plazo de "
            "reentrada; se refuerza la explicación al entregar el "
            "certificado."),
        ],
    'billing': [
        ("La factura del mes incluye una visita que no se hizo.",
            "Factura rectificativa por la visita no realizada enviada al "
            "cliente."),
        ("El importe facturado no coincide con el precio del contrato.",
            "Se corrigió el precio de la línea del contrato y se abonó la "
            "diferencia en la factura siguiente."),
        ("Se ha cargado dos veces el recibo del mes.",
            "Devolución del cargo duplicado por transferencia; justificante "
            "enviado al cliente."),
        ],
    'information': [
        ("No se informó al cliente de la duración mínima del contrato.",
            "Se envió de nuevo el contrato con sus condiciones y se aclararon "
            "por teléfono."),
        ("No recibió el presupuesto prometido en la visita comercial.",
            "Presupuesto enviado el mismo día, con disculpas por el "
            "retraso."),
        ],
    }
# What a claim asks for, after the problem
CLAIM_DEMANDS = [
    "Solicita por escrito el abono de la visita.",
    "Pide una visita adicional sin coste.",
    "Exige una respuesta por escrito de la dirección.",
    ]
# The cause found and the corrective action (ISO 9001 10.2), by subject
CAUSES = {
    'DRT': [
        ("Accesos sin sellar en el perímetro del local.",
            "Incluir la revisión y el sellado de accesos en la lista de "
            "comprobación de las visitas de desratización."),
        ("Estaciones insuficientes para la superficie del patio.",
            "Revisar el plano de estaciones de cada cliente industrial con "
            "el criterio de una estación cada 15 m de perímetro."),
        ],
    'DIN': [
        ("Resistencia de la población al principio activo del gel.",
            "Rotar trimestralmente el principio activo del gel "
            "insecticida."),
        ("Higiene insuficiente de la zona entre visitas.",
            "Entregar por escrito las medidas de higiene y comprobarlas en "
            "la siguiente visita."),
        ],
    'DDF': [
        ("Producto con olor intenso para un local con personal sensible.",
            "Usar desinfectantes sin olor en centros sanitarios y anotarlo en "
            "la ficha del local."),
        ],
    'LTQ': [
        ("Tiempo de contacto del cloro más corto que el del procedimiento.",
            "Registrar la hora de inicio y fin de la hipercloración en el "
            "parte de la visita."),
        ],
    'punctuality': [
        ("Rutas planificadas sin margen entre visitas de distinta "
            "localidad.",
            "Dejar 30 minutos de margen entre visitas en distinta "
            "localidad."),
        ("Cambio de horario del cliente no anotado en la ficha del local.",
            "Anotar todo cambio de horario en la ficha del local y avisar al "
            "técnico asignado."),
        ],
    'staff': [
        ("El técnico no conocía el protocolo de entrega del certificado.",
            "Formación interna sobre atención al cliente y entrega del "
            "certificado."),
        ],
    'billing': [
        ("Se facturaron consumos sin descontar las visitas canceladas.",
            "Conciliar visitas y consumos antes de emitir las facturas del "
            "mes."),
        ("El precio de convenio no pasó al contrato.",
            "Doble comprobación de los precios de cada línea al firmar el "
            "contrato."),
        ],
    'information': [
        ("Las condiciones no se explicaron en la visita comercial.",
            "Entregar un resumen de condiciones con cada presupuesto."),
        ],
    }
EFFECTIVENESS_NOTES = {
    'effective': [
        "Sin nuevas incidencias del mismo tipo en los dos meses "
        "siguientes.",
        "Comprobado en la auditoría interna: la acción se aplica y no se "
        "repite la incidencia.",
        ],
    'not_effective': [
        "La incidencia se repitió en la visita siguiente: se abre una nueva "
        "acción.",
        ],
    }
# Queries: subject: [(question, answer)]
QUERY_TEXTS = {
    'information': [
        ("Pide copia del certificado de la última visita para la "
            "inspección sanitaria.",
            "Certificado enviado por correo electrónico."),
        ("Pregunta cuándo es la próxima visita programada.",
            "Se le indicó la fecha y la franja horaria de la próxima "
            "visita."),
        ("Pide las fichas de seguridad de los biocidas utilizados.",
            "Fichas de seguridad enviadas por correo."),
        ("Pregunta si el producto aplicado es seguro para su mascota.",
            "Se explicó el plazo de seguridad y se envió la ficha del "
            "producto."),
        ("Pregunta cómo preparar el local antes del tratamiento.",
            "Se enviaron por escrito las indicaciones de preparación."),
        ("Pide el plano actualizado de estaciones para una auditoría.",
            "Plano de estaciones y registros de la última visita "
            "enviados."),
        ],
    'billing': [
        ("Solicita un duplicado de la factura del mes.",
            "Duplicado enviado por correo."),
        ("Pide cambiar la cuenta de domiciliación de los recibos.",
            "Datos bancarios actualizados; se confirmó al cliente."),
        ("Pregunta por el vencimiento de la última factura.",
            "Se le informó del vencimiento a 30 días."),
        ],
    'punctuality': [
        ("Pregunta si se puede adelantar la visita de esta semana.",
            "Visita adelantada al día solicitado."),
        ("Pide confirmar la hora de llegada del técnico.",
            "Hora confirmada por teléfono con el técnico asignado."),
        ],
    'treatment': [
        ("Pregunta si hace falta desalojar la cocina durante el "
            "tratamiento.",
            "Se explicó que no hace falta desalojar y el plazo de "
            "seguridad."),
        ("Pregunta cuánto tarda en hacer efecto el cebo.",
            "Se explicó el modo de acción del cebo y cuándo revisar."),
        ],
    }
# Service requests: (what the client asks for, how Comercial answered)
REQUEST_TEXTS = [
    ("Presupuesto de desinfección de choque de la cocina\nAntes de la "
        "reapertura tras las vacaciones.",
        "Presupuesto de desinfección puntual enviado y aceptado."),
    ("Control de aves en la azotea\nPalomas en la zona de máquinas.",
        "Visita técnica para medir la azotea y presupuesto de redes "
        "enviado."),
    ("Limpieza del depósito de agua\nAntes del verano.",
        "Limpieza del depósito presupuestada y programada."),
    ("Ampliar el contrato a un nuevo local\nMismo servicio mensual.",
        "Propuesta de ampliación del contrato enviada."),
    ("Tratamiento contra chinches de cama\nDos habitaciones afectadas.",
        "Tratamiento térmico presupuestado; el cliente lo está valorando."),
    ("Tratamiento contra la procesionaria\nPinos del jardín.",
        "Presupuesto de endoterapia enviado."),
    ("Fumigación del almacén\nDurante la parada de agosto.",
        "Fumigación presupuestada para la parada de agosto."),
    ]
# The year's special cases
REROUTE_REASON = ("El cliente pide el abono de tres meses, más de lo que "
    "Comercial puede conceder: decide Gerencia.")
REROUTE_TEXT = (
    "Reclama el abono de tres meses de desinsectación por cucarachas que "
    "reaparecen entre visitas.",
    "Gerencia concede el abono de un mes y una visita de choque sin coste; "
    "el cliente lo acepta.")


def relative(days):
    return TODAY + dt.timedelta(days=days)


def since(key, days):
    "Days ago that are days before the start of the client's contract"
    return (TODAY - CONTRACT_STARTS[key]).days + days


def closed_days(address):
    return {int(d) for d in address.closed_days or []}


def pick(rng, choices):
    "A value of [(value, weight)] drawn by its weight"
    values, weights = zip(*choices)
    return rng.choices(values, weights)[0]


def local_time(value):
    "The naive UTC datetime on the company's clock"
    return value.replace(tzinfo=dt.timezone.utc).astimezone(COMPANY_TZ)


def in_office(value):
    local = local_time(value)
    return local.weekday() < 5 and 8 <= local.hour < 19


def office_before(value, rng):
    "A time of the last office hour before value, which is out of office"
    local = local_time(value)
    day = local.date()
    if local.weekday() >= 5 or local.hour < 8:
        day -= dt.timedelta(days=1)
        while day.weekday() >= 5:
            day -= dt.timedelta(days=1)
    return to_utc(day, dt.time(18, rng.randrange(60)), COMPANY_TZ)


def office_after(value, rng):
    "A time of the first office hour after value, which is out of office"
    local = local_time(value)
    day = local.date()
    if local.weekday() >= 5 or local.hour >= 19:
        day += dt.timedelta(days=1)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
    return to_utc(day, dt.time(8, rng.randrange(60)), COMPANY_TZ)


def office_time(value, floor, rng, by=None):
    """value in office hours: the next morning if that is by the time by
    (always without by), otherwise the evening before if that is after
    floor, otherwise the next morning"""
    if in_office(value):
        return value.replace(second=0, microsecond=0)
    after = office_after(value, rng)
    if by is None or after <= by:
        return after
    before = office_before(value, rng)
    return before if before > floor else after


def resolution_time(rng, hours):
    "Mostly within the service level, some late, a few very late"
    draw = rng.random()
    if draw < 0.86:
        factor = rng.uniform(0.1, 0.9)
    elif draw < 0.97:
        factor = rng.uniform(1.05, 1.6)
    else:
        factor = rng.uniform(2, 4)
    return dt.timedelta(hours=hours * factor)


def complaint_area(kind, type_):
    "The area of the first routing rule that matches"
    return next(
        area for _, k, t, area in COMPLAINT_ROUTING
        if k == kind and t in {None, type_})


class Roster:
    "Who does which visit: qualified technicians, without double booking"

    def __init__(self):
        self.licences = defaultdict(dict)
        self.busy = defaultdict(list)

    def pick(self, client, treatment, date, start, end):
        "Book and return the login of a free qualified technician, or None"
        preferred = ZONES.get(client)
        for login in sorted(TECHNICIANS, key=lambda l: l != preferred):
            expiry = self.licences[login].get(treatment)
            if expiry is None or expiry < date:
                continue
            if not self.free(login, start, end):
                continue
            self.busy[login].append((start, end))
            return login

    def free(self, login, start, end, ignore=None):
        return not any(
            s < end and start < e for s, e in self.busy[login]
            if (s, e) != ignore)

    def move(self, login, old, new):
        if old in self.busy[login]:
            self.busy[login].remove(old)
        self.busy[login].append(new)


class Loader:
    "Create the demo records, keeping those later steps refer to"

    def __init__(self, config):
        self.config = config
        self.admin = config.user
        self.employees = {}
        self.parties = {}
        self.products = {}
        self.prices = {}
        self.services = {}
        self.recurrences = {}
        self.treatments = {}
        self.chemicals = {}
        self.users = {}
        self.contracts = {}
        # (client, service): the start of the contract line
        self.line_starts = {}
        self.roster = Roster()

    def ref(self, module, fs_id):
        "Return the id of an XML record, independent of the language"
        ModelData = Model.get('ir.model.data')
        return ModelData.get_id(module, fs_id, self.config.context)

    def load(self):
        self.set_language()
        self.create_country()
        self.create_company()
        self.create_accounting()
        self.create_staff()
        self.create_catalogue()
        self.create_chemicals()
        self.create_qualifications()
        self.create_parties()
        self.create_leads()
        self.create_contract_quotations()
        self.bill_running_contracts()
        self.document_past_visits()
        self.as_user(None)
        self.create_one_off_quotations()
        self.plan_visits()
        self.as_user('operaciones')
        self.assign_visits()
        self.reschedule_and_cancel()
        self.create_complaints()
        self.as_user(None)
        self.print_summary()

    def as_user(self, login):
        "Work as the user of login (None: admin) with his preferences"
        User = Model.get('res.user')
        self.config.user = self.users[login].id if login else self.admin
        self.config._context = User.get_preferences(True, {})

    def set_language(self):
        "Work in Spanish so that the data is recorded as users will see it"
        User = Model.get('res.user')
        Lang = Model.get('ir.lang')
        self.es, = Lang.find([('code', '=', 'es')])
        admin = User(self.config.user)
        admin.language = self.es
        admin.save()
        self.config._context = User.get_preferences(True, {})

    def create_country(self):
        "Spain and the provinces of the clients, the only ones the demo needs"
        Country = Model.get('country.country')
        countries = Country.find([('code', '=', 'ES')])
        if countries:
            self.spain, = countries
        else:
            self.spain = Country(
                name="España", code='ES', code3='ESP', code_numeric='724')
        for code, name in PROVINCES.items():
            if not any(s.code == code for s in self.spain.subdivisions):
                self.spain.subdivisions.new(
                    name=name, code=code, type='province')
        self.spain.save()
        self.provinces = {s.code: s for s in self.spain.subdivisions}

    def fill_address(self, address, street, number, postal_code, city,
            province, **premises):
        address.street_name = street
        address.building_number = number
        address.postal_code = postal_code
        address.city = city
        address.country = self.spain
        address.subdivision = self.provinces[province]
        for name, value in premises.items():
            if name == 'area':
                value = Decimal(value)
            elif name == 'visit_hours':
                address.visit_time_from, address.visit_time_to = (
                    dt.time.fromisoformat(t) for t in value)
                continue
            setattr(address, name, value)

    def new_party(self, name, nif=None, phone=None, mobile=None, email=None,
            address=None, website=None):
        Party = Model.get('party.party')
        party = Party(name=name, lang=self.es)
        if nif:
            # Tryton names the Spanish NIF "es_vat"; it validates the check
            # character of NIF, CIF and NIE numbers.
            party.identifiers.new(type='es_vat', code=nif)
        for type_, value in [
                ('phone', phone), ('mobile', mobile), ('email', email),
                ('website', website)]:
            if value:
                party.contact_mechanisms.new(type=type_, value=value)
        if address:
            self.fill_address(party.addresses[0], *address)
        return party

    def create_company(self):
        # Imported late: importing trytond.modules chooses the database
        # backend, which must come from the configuration file.
        from trytond.modules.company.tests.tools import create_company
        Currency = Model.get('currency.currency')
        CurrencyRate = Model.get('currency.currency.rate')
        # Euro: TERRA invoices Spanish clients, in the currency of Spain.
        currencies = Currency.find([('code', '=', 'EUR')])
        if currencies:
            euro, = currencies
        else:
            euro = Currency(
                name="Euro", symbol='€', code='EUR', numeric_code='978',
                rounding=Decimal('0.01'), digits=2)
            euro.save()
            CurrencyRate(
                date=dt.date(2000, 1, 1), rate=Decimal(1),
                currency=euro).save()
        party = self.new_party(
            COMPANY_NAME, nif='A28917433', phone='+34 912 345 678',
            email='info@terra.example', website='https://terra.example',
            address=("Calle de Alcalá", '250', '28027', "Madrid", 'ES-M'))
        party.save()
        create_company(party, euro)
        Company = Model.get('company.company')
        self.company, = Company.find([])
        # Visits are planned and shown on the clock of Spain.
        self.company.timezone = TIMEZONE
        self.company.save()

    def create_accounting(self):
        "The minimal Spanish chart and fiscal years that sales require"
        from trytond.modules.account.tests.tools import (
            create_chart, create_fiscalyear, create_tax, get_accounts)
        from trytond.modules.account_invoice.tests.tools import (
            set_fiscalyear_invoice_sequences)
        Tax = Model.get('account.tax')
        PaymentTerm = Model.get('account.invoice.payment_term')
        ProductCategory = Model.get('product.category')

        create_chart(self.company, chart='account.account_template_root_es')
        accounts = get_accounts(self.company)
        # From the start of the oldest contract, for its invoices, to next
        # year for the contracts.
        first = min(CONTRACT_STARTS.values()).year
        for year in range(first, TODAY.year + 2):
            # The helpers find the sequence types by their English name.
            with self.config.set_context(language='en'):
                fiscalyear = set_fiscalyear_invoice_sequences(
                    create_fiscalyear(
                        self.company,
                        (dt.date(year, 1, 1), dt.date(year, 12, 31))))
            fiscalyear.click('create_period')

        vat = create_tax(Decimal('.21'), self.company)
        vat.name = vat.description = "IVA 21%"
        vat.save()
        self.vat = Tax(vat.id)

        self.payment_term = PaymentTerm(name="Transferencia a 30 días")
        line = self.payment_term.lines.new(type='remainder')
        line.relativedeltas.new(days=30)
        self.payment_term.save()

        self.category = ProductCategory(
            name="Servicios de control de plagas", accounting=True)
        self.category.account_revenue = accounts['revenue']
        self.category.account_expense = accounts['expense']
        self.category.customer_taxes.append(self.vat)
        self.category.save()

    def create_staff(self):
        "One employee and user per member of staff"
        Company = Model.get('company.company')
        Employee = Model.get('company.employee')
        Group = Model.get('res.group')
        User = Model.get('res.user')
        Party = Model.get('party.party')
        parties = [
            self.new_party(name, email=f'{login}@terra.example')
            for login, name, _, _ in STAFF]
        Party.save(parties)
        employees = [
            Employee(party=party, company=self.company) for party in parties]
        Employee.save(employees)
        users = []
        for (login, name, groups, position), employee in zip(
                STAFF, employees):
            self.employees[login] = employee
            user = User(
                name=f"{name} ({position})", login=login,
                password=login + PASSWORD_SUFFIX,
                email=f'{login}@terra.example', language=self.es)
            # A record can be in one list only: append fresh instances.
            for group in groups:
                user.groups.append(
                    Group(self.ref('terra_client_mgmt', group)))
            user.companies.append(Company(self.company.id))
            user.company = self.company
            user.employees.append(Employee(employee.id))
            user.employee = employee
            users.append(user)
            self.users[login] = user
        User.save(users)

    def create_catalogue(self):
        "Treatments, standard procedures and the services TERRA sells"
        TreatmentType = Model.get('terra.treatment.type')
        Procedure = Model.get('terra.service.procedure')
        RuleSet = Model.get('sale.subscription.recurrence.rule.set')
        Template = Model.get('product.template')
        Uom = Model.get('product.uom')
        Service = Model.get('sale.subscription.service')

        treatments = [
            TreatmentType(code=code, name=name)
            for code, name in TREATMENT_TYPES]
        TreatmentType.save(treatments)
        self.treatments = {t.code: t for t in treatments}

        procedures = []
        for code, name, treatment, steps in PROCEDURES:
            procedure = Procedure(
                code=code, name=name,
                treatment_type=self.treatments[treatment])
            for sequence, (step, mandatory) in enumerate(steps, 1):
                procedure.items.new(
                    sequence=sequence * 10, name=step, mandatory=mandatory)
            procedures.append(procedure)
        Procedure.save(procedures)
        procedures = {p.code: p for p in procedures}

        rule_sets = []
        for name, (freq, interval) in RECURRENCES:
            rule_set = RuleSet(name=name)
            rule, = rule_set.rules
            rule.freq = freq
            rule.interval = interval
            rule_sets.append(rule_set)
        RuleSet.save(rule_sets)
        self.recurrences = {r.name: r for r in rule_sets}

        unit = Uom(self.ref('product', 'uom_unit'))
        templates = [
            Template(
                name=name, code=code, type='service', salable=True,
                default_uom=unit, list_price=Decimal(price),
                account_category=self.category,
                treatment_type=self.treatments[treatment],
                service_procedure=procedures[procedure])
            for code, name, treatment, procedure, price, _ in SERVICES]
        Template.save(templates)
        services = {}
        for template, (code, _, _, _, price, recurrence) in zip(
                templates, SERVICES):
            product, = template.products
            self.products[code] = product
            self.prices[code] = Decimal(price)
            if recurrence:
                services[code] = Service(
                    product=product,
                    consumption_recurrence=self.recurrences[recurrence])
        Service.save(list(services.values()))
        self.services = services

    def create_chemicals(self):
        "The biocides technicians apply, with their registration"
        Template = Model.get('product.template')
        Uom = Model.get('product.uom')
        templates = []
        for (code, name, unit, registration, ingredient, concentration,
                reentry) in CHEMICALS:
            templates.append(Template(
                    name=name, code=code, type='goods',
                    default_uom=Uom(self.ref('product', unit)),
                    chemical=True, registration_number=registration,
                    active_ingredient=ingredient,
                    concentration=concentration, reentry_period=reentry))
        Template.save(templates)
        for template in templates:
            self.chemicals[template.code], = template.products

    def create_qualifications(self):
        "The treatments each technician is licensed for"
        Qualification = Model.get('terra.employee.qualification')
        qualifications = []
        for login, treatment, number, days, notes in QUALIFICATIONS:
            expiry = relative(days)
            qualifications.append(Qualification(
                    employee=self.employees[login],
                    treatment_type=self.treatments[treatment],
                    licence_number=number, licence_expiry=expiry,
                    notes=notes))
            self.roster.licences[login][treatment] = expiry
        Qualification.save(qualifications)

    def create_parties(self):
        for values in PARTNERS:
            party = self.new_party(
                values['name'], nif=values['nif'], phone=values['phone'],
                email=values['email'], address=values['address'])
            party.save()
            self.parties[values['name']] = party
        for values in CLIENTS:
            party = self.new_party(
                values['name'], nif=values['nif'], phone=values.get('phone'),
                mobile=values.get('mobile'), email=values.get('email'))
            for i, premises in enumerate(values['addresses']):
                premises = premises.copy()
                address = party.addresses[0] if i == 0 else (
                    party.addresses.new())
                self.fill_address(
                    address, *premises.pop('street'), **premises)
            party.specific_needs = values.get('needs')
            party.special_requirements = values.get('requirements')
            party.customer_payment_term = self.payment_term
            party.save()
            self.parties[values['key']] = party
        self.client_keys = {
            p.id: k for k, p in self.parties.items() if k in ZONES}

    def create_leads(self):
        "Leads from every channel of PRO 008 5.1.1, at every stage"
        Opportunity = Model.get('sale.opportunity')
        seller = self.employees['comercial']
        self.leads = {}
        # (client key, channel, channel fields, description, days ago,
        #       probability, [(service, quantity)], final state)
        leads = [
            ('fogon', 'alliance',
                {'ally': self.parties["Asociación de Hosteleros de Madrid"],
                    'campaign': "Convenio hostelería 2026"},
                "Plan DDD anual para restaurante", since('fogon', 25), 90,
                [('DRT-M', 12), ('DIN-M', 12)], 'opportunity'),
            ('hotel', 'web', {},
                "Formulario web: control de plagas en hotel", 20, 60,
                [('DIN-M', 12), ('DRT-M', 12)], 'opportunity'),
            ('colegio', 'commercial_visit', {},
                "Visita comercial: plan de plagas del colegio", 15, 50,
                [('DRT-T', 4), ('DIN-M', 10)], 'opportunity'),
            ('ebro', 'commercial_visit', {},
                "Auditoría IFS: control de plagas en nave",
                since('ebro', 20), 60,
                [('DRT-M', 12), ('DIN-S', 52)], 'opportunity'),
            ('clinica', 'request',
                {'request_medium': 'phone',
                    'request_date': relative(-since('clinica', 12))},
                "Llamada: desinfección periódica de la clínica",
                since('clinica', 12), 50,
                [('DDF-T', 4)], 'opportunity'),
            ('panaderia', 'referral',
                {'referrer': 'fogon'},
                "Recomendado por El Fogón: insectos en harinas", 25, 70,
                [('DIN-M', 12), ('DRT-T', 4)], 'opportunity'),
            ('olivos', 'alliance',
                {'ally': self.parties["Inmobiliaria Levante Gestión S.L."]},
                "Desratización de garajes de la comunidad", 12, 40,
                [('DRT-T', 4)], 'opportunity'),
            ('conservas', 'request',
                {'request_medium': 'email', 'request_date': relative(-5)},
                "Correo: limpieza de depósitos y fumigación de almacén", 5,
                80, [('FUM-P', 1)], 'converted'),
            ('dolores', 'social_network',
                {'social_network': 'instagram',
                    'campaign': "Campaña otoño: cocinas sin cucarachas"},
                "Mensaje directo por cucarachas en cocina", 9, 90,
                [('DIN-P', 1)], 'converted'),
            ('javier', 'web', {},
                "Solicitud web: limpieza de aljibe", 6, 80,
                [('LTQ-P', 1)], 'converted'),
            ('anabelen', 'social_network',
                {'social_network': 'facebook',
                    'campaign': "Campaña otoño: cocinas sin cucarachas"},
                "Comentario en Facebook: hormigas en terraza", 2, 20,
                [], 'lead'),
            ('huerta', 'request',
                {'request_medium': 'walk_in', 'request_date': relative(-1)},
                "Visita a la oficina: mosca de la fruta", 1, 30,
                [], 'lead'),
            ('coworking', 'other',
                {'campaign': "Feria Expoprotection Madrid"},
                "Contacto en feria del sector", 3, 10, [], 'lead'),
            ]
        for (key, channel, extra, description, days, probability, lines,
                state) in leads:
            party = self.parties[key]
            lead = Opportunity(channel=channel)
            for name, value in extra.items():
                if name == 'referrer':
                    value = self.parties[value]
                setattr(lead, name, value)
            lead.description = description
            lead.start_date = relative(-days)
            lead.party = party
            lead.address = party.addresses[0]
            lead.conversion_probability = Decimal(probability) / 100
            for code, quantity in lines:
                line = lead.lines.new()
                line.product = self.products[code]
                line.quantity = quantity
            lead.amount = sum(
                (self.prices[code] * quantity for code, quantity in lines),
                Decimal(0))
            lead.payment_term = self.payment_term
            if state != 'lead':
                lead.employee = seller
            lead.save()
            if state in {'opportunity', 'converted'}:
                lead.click('opportunity')
            if state == 'converted':
                sale, = lead.click('convert')
                self.leads[key] = sale
            else:
                self.leads[key] = lead

    def new_contract(self, key, lines, recurrence, months, scope, benefits,
            start=NEXT_MONTH, description=None):
        """Return a contract quotation of the client's lead, or with the
        description without a lead; lines: (service, price[, days after the
        start of the contract the line starts])"""
        Subscription = Model.get('sale.subscription')
        party = self.parties[key]
        contract = Subscription()
        contract.party = party
        if not description:
            contract.opportunity = self.leads[key]
            description = self.leads[key].description
        contract.premises = party.addresses[0]
        contract.start_date = start
        contract.invoice_recurrence = self.recurrences["Mensual"]
        contract.payment_term = self.payment_term
        contract.proposed_frequency = self.recurrences[recurrence]
        contract.proposed_duration = months
        contract.quotation_scope = scope
        contract.quotation_benefits = benefits
        contract.validity_date = relative(30)
        contract.description = description
        for code, price, *offset in lines:
            line = contract.lines.new()
            line.service = self.services[code]
            line.quantity = 1
            if price:
                line.unit_price = Decimal(price)
            if offset:
                line.start_date = start + dt.timedelta(days=offset[0])
            self.line_starts[key, code] = line.start_date
        contract.save()
        self.contracts[key] = contract
        return contract

    def sign(self, contract, signatory, date):
        "Both parties sign the issued contract: it runs"
        contract.signature_date = date
        contract.client_signatory = signatory
        contract.terra_signatory = self.employees['comercial']
        contract.click('run')

    def revise(self, record, reason):
        "Reopen an issued quotation through the wizard users click"
        revise = Wizard('terra.quotation.revise', [record])
        revise.form.reason = reason
        revise.execute('revise')
        record.reload()

    def configure_contracts(self):
        "Default contract terms and how visits are planned"
        Configuration = Model.get('sale.configuration')
        configuration = Configuration(1)
        configuration.contract_terra_responsibilities = (
            "Prestar el servicio con personal capacitado y productos "
            "autorizados, según el procedimiento estándar de cada "
            "tratamiento, y entregar un certificado de cada visita.")
        configuration.contract_client_responsibilities = (
            "Facilitar el acceso a las instalaciones en el horario acordado, "
            "seguir las indicaciones de preparación y seguridad, y avisar de "
            "cualquier cambio que afecte al servicio.")
        configuration.visit_horizon = 60
        configuration.visit_start_time = dt.time(8, 0)
        configuration.visit_duration = dt.timedelta(hours=1)
        configuration.save()

    def create_contract_quotations(self):
        "Contracts of PRO 008 5.2.3: proposed, revised and accepted"
        self.configure_contracts()
        self.create_running_contracts()

        # Issued, then revised at the client's request.
        hotel = self.new_contract(
            'hotel', [('DIN-M', None), ('DRT-M', None)], "Mensual", 12,
            "Desinsectación y desratización mensual de cocina, zonas "
            "comunes, jardines y habitaciones libres.",
            "Protocolo de chinches de cama incluido. Informe mensual para "
            "la dirección del hotel.")
        hotel.click('quote')
        self.revise(
            hotel, "El cliente pide añadir la desinfección trimestral de "
            "cocina y buffet y un precio cerrado por 24 meses.")
        line = hotel.lines.new()
        line.service = self.services['DDF-T']
        line.quantity = 1
        hotel.proposed_duration = 24
        hotel.quotation_benefits += (
            " Precio fijo durante los 24 meses del contrato.")
        hotel.save()
        hotel.click('quote')

        # Issued, revised twice (price then validity), then signed: it
        # starts next month.
        panaderia = self.new_contract(
            'panaderia', [('DIN-M', None), ('DRT-T', None, 7)], "Mensual",
            12,
            "Control mensual de insectos de almacén y trimestral de "
            "roedores en obrador y silo.",
            "Trampas de feromonas para polillas incluidas.",
            start=CONTRACT_STARTS['panaderia'])
        panaderia.click('quote')
        self.revise(
            panaderia, "Cliente recomendado: se aplica un 10 % de "
            "descuento en la desinsectación.")
        line = next(l for l in panaderia.lines
            if l.service == self.services['DIN-M'])
        line.unit_price = Decimal('76.50')
        panaderia.save()
        panaderia.click('quote')
        self.revise(
            panaderia, "El cliente necesita más tiempo para decidir: se "
            "amplía la validez de la oferta.")
        panaderia.validity_date = relative(60)
        panaderia.save()
        panaderia.click('quote')
        self.sign(panaderia, "Francisco Ortega Luque, gerente", TODAY)

        # Issued, waiting for the client.
        colegio = self.new_contract(
            'colegio', [('DRT-T', None), ('DIN-M', None)], "Trimestral", 12,
            "Desratización trimestral del patio y comedor; desinsectación "
            "mensual de cocina y vestuarios, en periodo no lectivo.",
            "Fichas de seguridad entregadas a la dirección antes de cada "
            "tratamiento.")
        colegio.click('quote')

        # Still being prepared.
        self.new_contract(
            'olivos', [('DRT-T', None)], "Trimestral", 12,
            "Desratización trimestral de garajes, trasteros y jardines.",
            "Aviso a los vecinos preparado por TERRA.")

    def create_running_contracts(self):
        """Accepted contracts running for weeks or months; a line may start
        some days after its contract, so that visits do not pile up"""
        fogon = self.new_contract(
            'fogon', [('DRT-M', '90.00'), ('DIN-M', '80.00', 14)], "Mensual",
            12,
            "Desratización y desinsectación mensual del restaurante "
            "(cocina, cámara, almacén y sala), con certificado de cada "
            "visita para el APPCC.",
            "Precio de convenio de la Asociación de Hosteleros (-5 %). "
            "Visitas de urgencia en 24 h sin coste adicional.",
            start=CONTRACT_STARTS['fogon'])
        ebro = self.new_contract(
            'ebro', [('DRT-M', None), ('DIN-S', None, 2)], "Semanal", 24,
            "Control integral de plagas en nave de 12.000 m²: estaciones "
            "de roedores mensuales e insectos semanales en muelles.",
            "Registros y plano de estaciones listos para auditoría IFS.",
            start=CONTRACT_STARTS['ebro'])
        conservas = self.new_contract(
            'conservas', [('DRT-Q', '68.00'), ('LTQ-S', None, 7)],
            "Quincenal", 12,
            "Desratización quincenal de la fábrica y limpieza y "
            "desinfección semestral de los dos depósitos de agua de "
            "proceso.",
            "Certificado de limpieza de depósitos para el registro "
            "sanitario. Revisión quincenal exigida por su norma BRC.",
            start=CONTRACT_STARTS['conservas'],
            description="Plan de control de plagas y de higiene de "
            "depósitos de la fábrica")
        clinica = self.new_contract(
            'clinica', [('DDF-T', None)], "Trimestral", 12,
            "Desinfección trimestral de gabinetes, sala de esterilización y "
            "sala de espera.",
            "Certificado de desinfección para la inspección sanitaria.",
            start=CONTRACT_STARTS['clinica'])
        contracts = [fogon, ebro, conservas, clinica]
        Subscription = Model.get('sale.subscription')
        Subscription.click(contracts, 'quote')
        for contract, signatory in zip(contracts, [
                    "Rosa Llorente Pastor, gerente",
                    "Javier Lasheras Gil, director de calidad",
                    "Itziar Revilla Cobo, directora de producción",
                    "Marta Osuna Reina, directora médica",
                    ]):
            self.sign(
                contract, signatory,
                contract.start_date - dt.timedelta(days=5))

    def bill_running_contracts(self):
        """The visits (consumptions) and invoices of the running contracts up
        to today, as the scheduler would have made them; its daily jobs start
        at a random hour, too late for a demo"""
        for wizard in [
                'sale.subscription.line.consumption.create',
                'sale.subscription.create_invoice']:
            generate = Wizard(wizard)
            generate.form.date = TODAY
            generate.execute('create_')

    def create_one_off_quotations(self):
        "One-off services: quotations from converted leads and a direct one"
        Sale = Model.get('sale.sale')
        details = {
            'dolores': (
                "Tratamiento de choque con gel insecticida en cocina y "
                "baños, revisión a los 15 días.",
                "Producto sin olor; plazo de seguridad de 2 horas."),
            'javier': (
                "Vaciado, limpieza, hipercloración y analítica del aljibe "
                "de 10 m³.",
                "Certificado de limpieza y resultado de la analítica."),
            'conservas': (
                "Fumigación del almacén de producto terminado durante la "
                "parada de Semana Santa.",
                "Sin parar la producción de las otras naves."),
            }
        sales = {}
        for key, (scope, benefits) in details.items():
            sale = self.leads[key]
            sale.quotation_scope = scope
            sale.quotation_benefits = benefits
            sale.validity_date = relative(15)
            sale.save()
            sales[key] = sale
        sales['dolores'].click('quote')
        sales['dolores'].click('confirm')
        sales['javier'].click('quote')

        # A direct request, without a lead.
        sale = Sale(party=self.parties['coworking'])
        sale.payment_term = self.payment_term
        sale.quotation_scope = (
            "Desinfección de choque de zonas comunes, office y salas de "
            "reuniones.")
        sale.quotation_benefits = "Servicio en fin de semana sin recargo."
        sale.validity_date = relative(20)
        line = sale.lines.new()
        line.product = self.products['DDF-P']
        line.quantity = 1
        sale.save()
        sale.click('quote')

    def plan_visits(self):
        "Run the daily planning once: the visits of the next 60 days"
        Cron = Model.get('ir.cron')
        cron, = Cron.find([('method', '=', 'terra.intervention|plan_visits')])
        cron.click('run_once')

    def technician(self, login):
        "The employee of the technician, for the current user"
        Employee = Model.get('company.employee')
        return Employee(self.employees[login].id)

    def assign_visits(self):
        "Operaciones assigns the planned visits to qualified technicians"
        from trytond.exceptions import UserWarning
        from trytond.model.exceptions import ValidationError
        Intervention = Model.get('terra.intervention')
        visits = Intervention.find(
            [('state', '=', 'planned'), ('employee', '=', None)],
            order=[('planned_start', 'ASC'), ('id', 'ASC')])
        assigned = []
        for visit in visits:
            login = self.roster.pick(
                self.client_keys.get(visit.client.id),
                visit.treatment_type.code, visit.planned_date,
                visit.planned_start, visit.planned_end)
            if login:
                visit.employee = self.technician(login)
                assigned.append(visit)
        try:
            Intervention.save(assigned)
        except (UserWarning, ValidationError):
            # The roster missed a rule of the module: leave the visits it
            # refuses unassigned.
            for visit in assigned:
                try:
                    visit.save()
                except (UserWarning, ValidationError):
                    visit.reload()

    def document_past_visits(self):
        """The visits of the last weeks, done and documented; planning makes
        only those from today on, so Operaciones records them"""
        Intervention = Model.get('terra.intervention')
        Party = Model.get('party.party')
        Address = Model.get('party.address')
        Product = Model.get('product.product')
        self.as_user('operaciones')
        past = []
        for key, code, entries, products in VISIT_REPORTS:
            address = self.parties[key].addresses[0]
            dates = self.past_dates(key, code, address)[-len(entries):]
            treatment = self.products[code].template.treatment_type.code
            for date, entry in zip(dates, entries):
                start = to_utc(date, address.visit_time_from, COMPANY_TZ)
                past.append((start, date, key, code, address, treatment, {
                            'entry': entry, 'products': products}))
        visits, reports = [], []
        for start, date, key, code, address, treatment, report in sorted(
                past, key=lambda p: p[0]):
            end = start + dt.timedelta(
                minutes=max(60, VISIT_MINUTES[treatment]))
            login = self.roster.pick(key, treatment, date, start, end)
            if not login:
                continue
            visit = Intervention(
                client=Party(self.parties[key].id),
                service=Product(self.products[code].id))
            visit.address = Address(address.id)
            visit.planned_start = start
            visit.planned_end = end
            visit.employee = self.technician(login)
            visits.append(visit)
            report.update(
                login=login, key=key,
                minutes=VISIT_MINUTES[treatment] + 5 * (len(visits) % 4))
            reports.append(report)
        Intervention.save(visits)
        for login in TECHNICIANS:
            self.as_user(login)
            self.execute_visits([
                    (Intervention(v.id), r) for v, r in zip(visits, reports)
                    if r['login'] == login])
        # Finished in order, for the numbers of the certificates
        for login, group in groupby(
                zip(visits, reports), key=lambda v: v[1]['login']):
            self.as_user(login)
            for visit, _ in group:
                Intervention(visit.id).click('finish')
        self.as_user('operaciones')
        for visit, report in zip(visits, reports):
            if 'amend' in report['entry']:
                field, value, reason = report['entry']['amend']
                amend = Wizard(
                    'terra.intervention.amend', [Intervention(visit.id)])
                amend.form.field = field
                amend.form.corrected_value = value
                amend.form.reason = reason
                amend.execute('amend')

    def past_dates(self, key, code, address):
        "The days of the contract line's visits before today"
        freq, interval = dict(RECURRENCES)[next(
                s[5] for s in SERVICES if s[0] == code)]
        start = self.line_starts[key, code]
        occurrences = rrule.rrule(
            {'weekly': rrule.WEEKLY, 'monthly': rrule.MONTHLY}[freq],
            interval=interval, dtstart=dt.datetime.combine(start, dt.time()),
            until=dt.datetime.combine(TODAY, dt.time()))
        dates = [
            open_day(o.date(), closed_days(address)) for o in occurrences]
        return [d for d in dates if d < TODAY]

    def execute_visits(self, visits):
        """The technician starts his visits, follows the checklist, records
        the products and the client's representative"""
        Intervention = Model.get('terra.intervention')
        Product = Model.get('product.product')
        if not visits:
            return
        records = [v for v, _ in visits]
        Intervention.click(records, 'start')
        for i, (visit, report) in enumerate(visits):
            entry = report['entry']
            # Started a few minutes after the planned time.
            visit.actual_start = visit.planned_start + dt.timedelta(
                minutes=5 * (i % 3))
            visit.actual_end = visit.actual_start + dt.timedelta(
                minutes=report['minutes'])
            for j, item in enumerate(visit.checklist):
                item.done = bool(item.mandatory or (i + j) % 2 == 0)
            for (code, dose, quantity, method, area, pest,
                    lot) in report['products']:
                used = visit.products.new(
                    product=Product(self.chemicals[code].id))
                used.dose = dose
                used.quantity = quantity
                used.application_method = method
                used.treated_area = area
                used.target_pest = pest
                used.lot = lot
            visit.findings = entry['findings']
            visit.recommendations = entry['recommendations']
            name, identifier = REPRESENTATIVES[report['key']]
            visit.client_representative = name
            visit.client_representative_identifier = entry.get(
                'identifier', identifier)
        Intervention.save(records)

    def find_planned(self, key, code):
        Intervention = Model.get('terra.intervention')
        return Intervention.find([
                ('client', '=', self.parties[key].id),
                ('service', '=', self.products[code].id),
                ('state', '=', 'planned'),
                ('planned_date', '>', TODAY),
                ], order=[('planned_start', 'ASC')])

    def reschedule_and_cancel(self):
        "A client asks to move a visit; another cancels one"
        key, code, reason = RESCHEDULE
        visit = self.find_planned(key, code)[0]
        old = (visit.planned_start, visit.planned_end)
        employee = visit.employee.id if visit.employee else None
        login = next(
            (l for l in TECHNICIANS if self.employees[l].id == employee),
            None)
        # The next open day, at the same time, when the technician is free
        day = visit.planned_date
        for _ in range(7):
            day = open_day(
                day + dt.timedelta(days=1), closed_days(visit.address))
            start = to_utc(day, visit.planned_time, COMPANY_TZ)
            new = (start, start + (old[1] - old[0]))
            if not login or self.roster.free(login, *new, ignore=old):
                break
        if login:
            self.roster.move(login, old, new)
        reschedule = Wizard('terra.intervention.reschedule', [visit])
        reschedule.form.planned_start, reschedule.form.planned_end = new
        reschedule.form.reason = reason
        reschedule.execute('reschedule')

        key, code, reason = CANCEL
        visit = self.find_planned(key, code)[1]
        cancel = Wizard('terra.intervention.cancel', [visit])
        cancel.form.reason = reason
        cancel.execute('cancel')

    def create_complaints(self):
        """A year of the register of complaints and requests: Atención al
        Cliente registers and routes each item, the area resolves it and
        closes it once the client is told; complaints' causes are corrected;
        the last weeks' items are still being worked, some overdue"""
        self.configure_complaints()
        items = self.plan_complaints()
        self.register_complaints(items)
        self.route_complaints(items)
        self.work_complaints(items)
        self.backdate_routings(items)
        self.as_user(None)

    def configure_complaints(self):
        """The heads of the areas, reached by e-mail, the types, the routing
        rules and the service levels, set by Gerencia"""
        Party = Model.get('party.party')
        self.as_user(None)
        parties = []
        for login in COMPLAINT_AREA_HEADS.values():
            party = Party(self.employees[login].party.id)
            if not party.email:
                party.contact_mechanisms.new(
                    type='email', value=f'{login}@terra.example')
                parties.append(party)
        Party.save(parties)

        self.as_user('gerencia')
        Area = Model.get('sale.complaint.area')
        Employee = Model.get('company.employee')
        Type = Model.get('sale.complaint.type')
        Rule = Model.get('sale.complaint.routing.rule')
        ServiceLevel = Model.get('sale.complaint.service_level')
        areas = {}
        for key, login in COMPLAINT_AREA_HEADS.items():
            area = Area(self.ref('terra_client_mgmt', f'complaint_area_{key}'))
            area.head = Employee(self.employees[login].id)
            areas[key] = area
        Area.save(list(areas.values()))
        self.complaint_areas = {k: a.id for k, a in areas.items()}
        types = [Type(name=name) for _, name in COMPLAINT_TYPES]
        Type.save(types)
        self.complaint_types = {
            k: t.id for (k, _), t in zip(COMPLAINT_TYPES, types)}
        Rule.save([
                Rule(sequence=sequence, kind=kind,
                    type=Type(self.complaint_types[type_]) if type_ else None,
                    area=Area(self.complaint_areas[area]))
                for sequence, kind, type_, area in COMPLAINT_ROUTING])
        ServiceLevel.save([
                ServiceLevel(kind=kind, priority=priority, hours=hours)
                for kind, levels in SERVICE_LEVELS.items()
                for priority, hours in levels.items()])

    def new_complaint(self, rng, received, kind=None, type_=None, key=None,
            texts=None):
        "An item of the register, as a client would raise it"
        kind = kind or pick(rng, COMPLAINT_KINDS)
        type_ = type_ or pick(rng, COMPLAINT_SUBJECTS[kind])
        item = {
            'received': received,
            'kind': kind,
            'type': type_,
            'priority': pick(rng, COMPLAINT_PRIORITIES[kind]),
            'channel': pick(rng, COMPLAINT_CHANNELS[kind]),
            'area': complaint_area(kind, type_),
            }
        if kind in {'complaint', 'claim'}:
            key = key or pick(rng, SERVED_CLIENTS.items())
            topic = type_
            if type_ == 'treatment':
                item['product'] = rng.choice(CLIENT_SERVICES[key])
                topic = item['product'][:3]
            if type_ in {'treatment', 'punctuality', 'staff'}:
                item['technician'] = ZONES.get(key) or rng.choice(TECHNICIANS)
            description, resolution = texts or rng.choice(
                PROBLEM_TEXTS[topic])
            if kind == 'claim':
                description += ' ' + rng.choice(CLAIM_DEMANDS)
            item['topic'] = topic
        elif kind == 'query':
            key = key or pick(rng, ASKING_CLIENTS.items())
            description, resolution = texts or rng.choice(
                QUERY_TEXTS[type_])
        else:
            key = key or pick(rng, ASKING_CLIENTS.items())
            description, resolution = texts or rng.choice(REQUEST_TEXTS)
        item.update(key=key, description=description, resolution=resolution)
        return item

    def plan_complaints(self):
        """The items of the last twelve months and what became of them,
        drawn from a seeded generator: each run of a day makes the same"""
        rng = random.Random(COMPLAINT_SEED)
        now = dt.datetime.now(dt.timezone.utc).replace(
            tzinfo=None, second=0, microsecond=0)
        first = TODAY - relativedelta(years=1) + dt.timedelta(days=1)
        items = []

        # 15 to 25 items a month, on working days
        month = first.replace(day=1)
        while month <= TODAY:
            end = month + relativedelta(months=1)
            weekdays = [
                month + dt.timedelta(days=d)
                for d in range((end - month).days)
                if (month + dt.timedelta(days=d)).weekday() < 5]
            days = [d for d in weekdays if first <= d <= TODAY]
            count = round(rng.randint(8, 14) * len(days) / len(weekdays))
            for _ in range(count):
                received = to_utc(
                    rng.choice(days),
                    dt.time(rng.randint(8, 18), rng.randrange(60)),
                    COMPANY_TZ)
                if received < now - dt.timedelta(minutes=30):
                    items.append(self.new_complaint(rng, received))
            month = end

        # About the documented visits and the running contracts
        Intervention = Model.get('terra.intervention')
        visits = Intervention.find(
            [('state', '=', 'done')], order=[('actual_end', 'ASC')])
        codes = {p.id: c for c, p in self.products.items()}
        logins = {e.id: l for l, e in self.employees.items()}
        about_visit = [
            ('complaint', 'treatment', None),
            ('query', 'information', QUERY_TEXTS['information'][0]),
            ('complaint', 'punctuality', None),
            ('claim', 'treatment', None),
            ]
        for visit, (kind, type_, texts) in zip(
                sorted(rng.sample(visits, min(len(visits), 4)),
                    key=lambda v: v.actual_end),
                about_visit):
            received = office_time(
                visit.actual_end + dt.timedelta(hours=rng.uniform(3, 72)),
                visit.actual_end, rng)
            if received > now - dt.timedelta(hours=2):
                continue
            key = self.client_keys[visit.client.id]
            code = codes[visit.service.id]
            if type_ == 'treatment':
                texts = rng.choice(PROBLEM_TEXTS[code[:3]])
            item = self.new_complaint(rng, received, kind, type_, key, texts)
            item.update(
                origin=('terra.intervention', visit.id), visit=visit.id,
                technician=logins.get(
                    visit.employee.id if visit.employee else None),
                product=code)
            if type_ == 'treatment':
                item['topic'] = code[:3]
            items.append(item)
        about_contract = [
            ('fogon', 'complaint', 'billing', PROBLEM_TEXTS['billing'][1]),
            ('ebro', 'query', 'information', QUERY_TEXTS['information'][5]),
            ('conservas', 'query', 'punctuality',
                QUERY_TEXTS['punctuality'][0]),
            ('clinica', 'query', 'billing', QUERY_TEXTS['billing'][0]),
            ]
        for key, kind, type_, texts in about_contract:
            contract = self.contracts[key]
            signed = to_utc(
                CONTRACT_STARTS[key] - dt.timedelta(days=5), dt.time(9),
                COMPANY_TZ)
            received = office_time(
                signed + (now - signed) * rng.uniform(0.4, 0.9), signed, rng)
            item = self.new_complaint(rng, received, kind, type_, key, texts)
            item['origin'] = ('sale.subscription', contract.id)
            items.append(item)

        def choose(condition):
            candidates = [i for i in items if condition(i)]
            if candidates:
                item = rng.choice(candidates)
                item['special'] = True
                return item

        def plain(item):
            return not item.get('special') and not item.get('origin')

        # Rerouted: Comercial hands a claim for money over to Gerencia
        item = choose(lambda i: (
                plain(i) and i['kind'] == 'complaint'
                and now - dt.timedelta(days=300) < i['received']
                < now - dt.timedelta(days=60)))
        if item:
            description, resolution = REROUTE_TEXT
            item.update(
                type='billing', topic='billing', area='management',
                priority='normal', rerouted=True, description=description,
                resolution=resolution)
            item.pop('technician', None)
            item.pop('product', None)

        # What happened to each
        items.sort(key=lambda i: i['received'])
        recent = now - dt.timedelta(days=21)
        for item in items:
            received = item['received']
            hours = SERVICE_LEVELS[item['kind']][item['priority']]
            floor = received + dt.timedelta(minutes=15)
            due = received + dt.timedelta(hours=hours)
            resolved = received + (
                dt.timedelta(hours=hours * rng.uniform(0.5, 0.9))
                if item.get('rerouted') else resolution_time(rng, hours))
            # Late stays late; in time stays in time if it can
            resolved = office_time(
                resolved, floor, rng, due if resolved <= due else None)
            item['state'] = 'done'
            if received >= recent:
                age = now - received
                if due - dt.timedelta(hours=1) > now:
                    # Still in time: being worked
                    item['state'] = rng.choice(['draft', 'waiting', 'done'])
                    resolved = office_time(
                        received + age * rng.uniform(0.2, 0.8), floor, rng,
                        now - dt.timedelta(minutes=30))
                    if resolved > now - dt.timedelta(minutes=30):
                        item['state'] = rng.choice(['draft', 'waiting'])
                elif resolved > now - dt.timedelta(hours=1):
                    resolved = office_time(
                        received + age * rng.uniform(0.2, 0.6), floor, rng,
                        now - dt.timedelta(hours=1))
                    if resolved > now - dt.timedelta(minutes=30):
                        resolved = floor
            if item['state'] != 'done':
                continue
            item['resolved'] = resolved
            informed = office_time(
                resolved + dt.timedelta(hours=rng.uniform(0.25, 3)),
                resolved + dt.timedelta(minutes=5), rng)
            if (informed > now - dt.timedelta(minutes=10)
                    or (resolved > now - dt.timedelta(days=7)
                        and rng.random() < 0.5)):
                item['state'] = 'approved'
                continue
            item['informed'] = informed
            item['informed_channel'] = (
                'letter' if item['kind'] == 'claim' and rng.random() < 0.2
                else INFORMED_CHANNELS[item['channel']])

        # Overdue: past their due time and still in progress
        for kinds in [['complaint'], ['query'], ['claim', 'service_request']]:
            item = choose(lambda i: (
                    plain(i) and i['kind'] in kinds
                    and i['state'] in {'done', 'approved'}
                    and now - dt.timedelta(days=12) <= i['received']
                    < now - dt.timedelta(days=1)
                    and i['received'] + dt.timedelta(hours=SERVICE_LEVELS[
                            i['kind']][i['priority']]) < now))
            if item:
                item['state'] = 'waiting'
        # Cancelled: a query registered twice, one the client withdrew
        item = choose(lambda i: (
                plain(i) and i['kind'] == 'query' and i['state'] == 'done'
                and i['received'] < recent))
        if item:
            item['state'] = 'cancelled'
        item = choose(lambda i: (
                plain(i) and i['state'] == 'done' and i['received'] >= recent))
        if item:
            item['state'] = 'withdrawn'
        # A few resolved of late wait for the client to be told
        done = sorted(
            (i for i in items if plain(i) and i['state'] == 'done'),
            key=lambda i: i['resolved'])
        while done and sum(i['state'] == 'approved' for i in items) < 3:
            item = done.pop()
            item['state'] = 'approved'
            del item['informed'], item['informed_channel']
        # Service requests that Comercial turns into leads
        for _ in range(3):
            item = choose(lambda i: (
                    plain(i) and i['kind'] == 'service_request'
                    and i['state'] in {'waiting', 'approved', 'done'}
                    and i['received'] >= now - dt.timedelta(days=75)))
            if item:
                item['lead'] = True

        # The latest, still in time: a question on a quotation and a
        # complaint not yet routed, a request and a query being worked
        latest = [
            ('query', 'information', 'javier', 'draft', (
                    "Pregunta si el presupuesto de limpieza del aljibe "
                    "incluye la analítica del agua.",
                    "Sí: la analítica de laboratorio está incluida en el "
                    "precio.")),
            ('complaint', 'punctuality', None, 'draft', None),
            ('service_request', 'new_service', None, 'waiting', None),
            ('query', 'billing', None, 'waiting', None),
            ]
        for kind, type_, key, state, texts in latest:
            received = office_time(
                now - dt.timedelta(hours=rng.uniform(1, 24)),
                now - dt.timedelta(days=4), rng,
                now - dt.timedelta(minutes=30))
            item = self.new_complaint(rng, received, kind, type_, key, texts)
            item.update(state=state, special=True, priority=next(
                    (p for p in ['normal', 'low']
                        if received + dt.timedelta(
                            hours=SERVICE_LEVELS[kind][p] - 12) > now),
                    'low'))
            if key == 'javier':
                item['origin'] = ('sale.sale', self.leads['javier'].id)
            items.append(item)

        # The cause of complaints and claims found and corrected
        for item in items:
            if (item['kind'] not in {'complaint', 'claim'}
                    or item['state'] not in {'approved', 'done'}
                    or rng.random() < 0.5):
                continue
            item['cause'] = rng.choice(CAUSES[item['topic']])
            item['owner'] = ('sgc' if rng.random() < 0.25
                else COMPLAINT_AREA_HEADS[item['area']])
            due = local_time(item['resolved']).date() + dt.timedelta(
                days=rng.randint(10, 30))
            item['action_due'] = due
            if due + dt.timedelta(days=30) <= TODAY:
                result = ('not_effective' if rng.random() < 0.15
                    else 'effective')
                item['effectiveness'] = (
                    min(due + dt.timedelta(days=rng.randint(15, 45)), TODAY),
                    result, rng.choice(EFFECTIVENESS_NOTES[result]))

        # When Atención al Cliente routed them, Comercial rerouted one
        for item in items:
            if item['state'] in {'draft', 'withdrawn'}:
                continue
            received = item['received']
            end = min(item.get('resolved', now), now)
            routed = office_time(
                received + dt.timedelta(minutes=rng.randint(5, 90)),
                received, rng, end)
            if routed > end:
                # Received at closing time: routed before leaving
                routed = min(end, received + dt.timedelta(minutes=5))
            item['routed'] = [routed]
            if item.get('rerouted'):
                item['routed'].append(min(end, office_time(
                            routed + (end - routed) * rng.uniform(0.2, 0.5),
                            routed, rng, end)))
        items.sort(key=lambda i: i['received'])
        return items

    def register_complaints(self, items):
        "Atención al Cliente registers the items as they come"
        self.as_user('atencion')
        Complaint = Model.get('sale.complaint')
        values = []
        for item in items:
            value = {
                'customer': self.parties[item['key']].id,
                'type': self.complaint_types[item['type']],
                'kind': item['kind'],
                'channel': item['channel'],
                'priority': item['priority'],
                'received_at': item['received'],
                'description': item['description'],
                }
            if item.get('origin'):
                value['origin'] = '%s,%s' % item['origin']
            if item.get('visit'):
                value['visit'] = item['visit']
            if item.get('technician'):
                value['technician'] = self.employees[item['technician']].id
            if item.get('product'):
                value['product'] = self.products[item['product']].id
            values.append(value)
        for item, id_ in zip(
                items, Complaint.create(values, self.config.context)):
            item['id'] = id_

    def route_complaints(self, items):
        """Atención al Cliente routes each item to the area of its routing
        rule; Comercial reroutes one to Gerencia"""
        Complaint = Model.get('sale.complaint')
        proposed = set()
        for item in items:
            if item['state'] in {'draft', 'withdrawn'}:
                continue
            subject = item['kind'], item['type']
            area = complaint_area(*subject)
            if subject in proposed:
                self.route(item['id'], area)
                continue
            # The first of its kind and type shows the form, which proposes
            # the area of the first matching rule
            route = Wizard('sale.complaint.route', [Complaint(item['id'])])
            if route.form.area.id != self.complaint_areas[area]:
                raise ValueError(
                    f"{subject} routed to area {route.form.area.id}, "
                    f"not {area}")
            route.execute('route')
            proposed.add(subject)
        self.as_user('comercial')
        for item in items:
            if item.get('rerouted'):
                self.route(item['id'], item['area'], REROUTE_REASON)

    def route(self, complaint, area, reason=None):
        """Route an item with the wizard, sending the values its form
        proposes (the area, its head) without asking for the form: three
        calls instead of five"""
        wizard = self.config.get_proxy('sale.complaint.route', type='wizard')
        context = self.config.context
        session, _, _ = wizard.create(context)
        wizard.execute(session, {
                'start': {
                    'area': self.complaint_areas[area],
                    'responsible': None,
                    'reason': reason,
                    'rerouting': bool(reason),
                    },
                }, 'route', dict(
                context, active_model='sale.complaint', active_id=complaint,
                active_ids=[complaint]))
        wizard.delete(session, context)

    def work_complaints(self, items):
        """Comercial makes leads of service requests; each area resolves its
        items and closes them once the client is told, and corrects the
        causes; Atención al Cliente cancels two"""
        Complaint = Model.get('sale.complaint')
        Opportunity = Model.get('sale.opportunity')
        Employee = Model.get('company.employee')
        self.as_user('comercial')
        requests = [i for i in items if i.get('lead')]
        leads = Complaint.click(
            [Complaint(i['id']) for i in requests], 'create_lead') or []
        for lead, item in zip(leads, requests):
            lead.start_date = local_time(item['received']).date()
            lead.employee = Employee(self.employees['comercial'].id)
        Opportunity.save(leads)

        for area, login in COMPLAINT_AREA_USERS.items():
            self.as_user(login)
            Complaint = Model.get('sale.complaint')
            resolved = [
                i for i in items if i['area'] == area
                and i['state'] in {'approved', 'done'}]
            if not resolved:
                continue
            # What the form of each item gets: the resolution, when the
            # client was told, the cause and its correction
            Complaint.write(*[
                    x for i in resolved
                    for x in ([i['id']], self.resolution_values(i))],
                self.config.context)
            Complaint.click(
                [Complaint(i['id']) for i in resolved], 'approve')
            Complaint.click([
                    Complaint(i['id']) for i in resolved
                    if i['state'] == 'done'], 'process')

        self.as_user('atencion')
        Complaint = Model.get('sale.complaint')
        Complaint.click([
                Complaint(i['id']) for i in items
                if i['state'] in {'cancelled', 'withdrawn'}], 'cancel')

    def resolution_values(self, item):
        values = {
            'resolution': item['resolution'],
            'resolved_at': item['resolved'],
            }
        if item['state'] == 'done':
            values['informed_at'] = item['informed']
            values['informed_channel'] = item['informed_channel']
        if item.get('cause'):
            values['root_cause'], values['corrective_action'] = item['cause']
            values['action_owner'] = self.employees[item['owner']].id
            values['action_due'] = item['action_due']
        if item.get('effectiveness'):
            (values['effectiveness_date'], values['effectiveness_result'],
                values['effectiveness_note']) = item['effectiveness']
        return values

    def backdate_routings(self, items):
        """The wizard stamps its trace with the time it runs: give the trace
        of the year's items the time they were routed. No user may change a
        trace, so this is done on the server, as an import would"""
        from trytond.pool import Pool
        from trytond.transaction import Transaction
        dates = {i['id']: i['routed'] for i in items if i.get('routed')}
        with Transaction().start(
                self.config.database_name, 0) as transaction:
            Routing = Pool().get('sale.complaint.routing')
            routings = Routing.search(
                [('complaint', 'in', list(dates))],
                order=[('complaint', 'ASC'), ('id', 'ASC')])
            args = []
            for complaint, group in groupby(
                    routings, key=lambda r: r.complaint.id):
                for routing, date in zip(group, dates[complaint]):
                    args.extend(([routing], {'date': date}))
            if args:
                Routing.write(*args)
            transaction.commit()

    def print_summary(self):
        Intervention = Model.get('terra.intervention')
        visits = Intervention.find([])
        states = defaultdict(int)
        for visit in visits:
            states[visit.state] += 1
        planned = [v for v in visits if v.state == 'planned']
        print(
            f"demo: {len(self.contracts)} contracts, "
            f"{sum(c.state == 'running' for c in self.contracts.values())} "
            f"running; {len(visits)} visits: {states['done']} done, "
            f"{len(planned)} planned "
            f"({sum(bool(v.employee) for v in planned)} assigned), "
            f"{states['cancelled']} cancelled")
        Complaint = Model.get('sale.complaint')
        counts = {
            state: len(Complaint.find([('state', '=', state)]))
            for state in ['draft', 'waiting', 'approved', 'done', 'cancelled']}
        print(
            f"demo: {sum(counts.values())} complaints and requests: "
            f"{counts['draft']} received, {counts['waiting']} in progress, "
            f"{counts['approved']} resolved, {counts['done']} closed, "
            f"{counts['cancelled']} cancelled; "
            f"{len(Complaint.find([('overdue', '=', True)]))} overdue")
        print("demo: users (password = login + \"-terra-2026\"): " + ", ".join(
                f"{login} ({position})" for login, _, _, position in STAFF))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('-c', '--config', required=True,
        help="the trytond configuration file")
    parser.add_argument('-d', '--database', required=True)
    args = parser.parse_args()

    config = proteus_config.set_trytond(
        args.database, config_file=args.config)
    Company = Model.get('company.company')
    if Company.find([('party.name', '=', COMPANY_NAME)]):
        print(f"{COMPANY_NAME} is already in {args.database}: nothing to do")
        return
    Loader(config).load()


if __name__ == '__main__':
    main()
