"""The demo council, as data: Brightside, a fictional English city, its teams and staff, name pools for the
synthetic families, and the case study of Asif and his worker Ali (seed 000, "Case study example").

Everything here is invented. The only names taken from the seed are Asif and Ali, with invented surnames.
No real person, street or school is meant; any likeness is chance.
"""

from __future__ import annotations

from dataclasses import dataclass

# Signing in to the demo. The password passes Django's validators (≥ 12 characters, not common, not numeric); the
# loader checks it with `validate_password` so a weaker one can never slip in.
DEMO_PASSWORD = "brightside-demo-2026"
# Seeds: the same council every run. Change them and every name, identifier and TOTP secret changes.
DEMO_SEED = 20260425
TOTP_SEED = b"safecontext-demo-totp-v1"

COUNCIL_SERVICE = "Brightside Children's Services"
PARTNER_SERVICES = ("Brightside Police", "Brightside Schools", "Brightside Health")
TOWN = "Brightside"
# Brightside stands in for Brighton & Hove (BN postcodes; seed 003 is that council's threshold framework), so its
# UPNs carry Brighton & Hove's DfE LA number and pass the CIN census's LA check.
LA_NUMBER = "846"
LA_CHILD_ID_PREFIX = "BRT"


@dataclass(frozen=True)
class TeamSpec:
    name: str
    service: str
    kind: str  # a Team.Kind value


FRONT_DOOR = "Front Door for Families"
POD_NORTH = "Pod North"
POD_SOUTH = "Pod South"
EMPOWER_YOUTH = "Empower Youth"
LEADERSHIP = "Service Leadership"
POLICE = "Missing and Exploitation Unit"
SCHOOLS = "Designated Safeguarding Leads"
NURSING = "School Nursing"

TEAMS: tuple[TeamSpec, ...] = (
    TeamSpec(FRONT_DOOR, COUNCIL_SERVICE, "front_door"),
    TeamSpec(POD_NORTH, COUNCIL_SERVICE, "pod"),
    TeamSpec(POD_SOUTH, COUNCIL_SERVICE, "pod"),
    # The voluntary and community sector youth service that took Asif's referral (seed 000). It is commissioned by
    # the council and records in SafeContext, so it sits in the council's service.
    TeamSpec(EMPOWER_YOUTH, COUNCIL_SERVICE, "team"),
    TeamSpec(LEADERSHIP, COUNCIL_SERVICE, "management"),
    TeamSpec(POLICE, "Brightside Police", "partner"),
    TeamSpec(SCHOOLS, "Brightside Schools", "partner"),
    TeamSpec(NURSING, "Brightside Health", "partner"),
)


@dataclass(frozen=True)
class UserSpec:
    username: str
    first_name: str
    last_name: str
    job_title: str
    role: str  # a Role value
    team: str
    supervisor: str | None  # a username
    agency: str = ""


# Role values (accounts/roles.py), short so the table below reads as a table.
HEAD, MANAGER, SOCIAL_WORKER, PARTNER = "head_of_service", "team_manager", "social_worker", "partner_agency"


# Every user has a supervisor (seed 004: reflective supervision at every level, "containing the container"), except
# the Director, who is supervised by the council's chief executive, outside SafeContext.
# Partner-agency staff are line-managed in their own agencies; inside SafeContext their named contact for
# supervision of shared work and review of their access is the head of service, who leads the partnership.
USERS: tuple[UserSpec, ...] = (
    # username, first name, last name, job title, role, team, supervisor[, agency]
    UserSpec("dcs.morgan", "Morgan", "Ellery", "Director of Children's Services", HEAD, LEADERSHIP, None),
    UserSpec("hos.jo", "Jo", "Whitcombe", "Head of Service", HEAD, LEADERSHIP, "dcs.morgan"),
    UserSpec("tm.frontdoor", "Helen", "Marchant", "Front door manager", MANAGER, FRONT_DOOR, "hos.jo"),
    UserSpec("tm.north", "Daniel", "Oyelaran", "Pod manager", MANAGER, POD_NORTH, "hos.jo"),
    UserSpec("tm.south", "Fiona", "Castell", "Pod manager", MANAGER, POD_SOUTH, "hos.jo"),
    UserSpec("tm.empower", "Marcus", "Reid", "Youth service manager", MANAGER, EMPOWER_YOUTH, "hos.jo"),
    UserSpec("fd.sam", "Sam", "Hollings", "Front door practitioner", "front_door", FRONT_DOOR, "tm.frontdoor"),
    UserSpec("fd.nadia", "Nadia", "Farrant", "Front door practitioner", "front_door", FRONT_DOOR, "tm.frontdoor"),
    UserSpec("sw.priya", "Priya", "Kandola", "Social worker", SOCIAL_WORKER, POD_NORTH, "tm.north"),
    UserSpec("sw.tom", "Tom", "Beckwith", "Social worker", SOCIAL_WORKER, POD_NORTH, "tm.north"),
    UserSpec("sw.grace", "Grace", "Adeyemi", "Social worker", SOCIAL_WORKER, POD_SOUTH, "tm.south"),
    UserSpec("sw.owen", "Owen", "Trelawny", "Social worker", SOCIAL_WORKER, POD_SOUTH, "tm.south"),
    UserSpec("ali", "Ali", "Haddad", "Youth worker", "youth_worker", EMPOWER_YOUTH, "tm.empower"),
    UserSpec("yw.jade", "Jade", "Okafor", "Youth worker", "youth_worker", EMPOWER_YOUTH, "tm.empower"),
    UserSpec("police.leon", "Leon", "Harris", "Detective constable", PARTNER, POLICE, "hos.jo", "Police"),
    UserSpec("school.ruth", "Ruth", "Pemberton", "School safeguarding lead", PARTNER, SCHOOLS, "hos.jo", "School"),
    UserSpec("health.amara", "Amara", "Boateng", "School nurse", PARTNER, NURSING, "hos.jo", "Health"),
    UserSpec("data.kim", "Kim", "Lathbury", "Data officer", "data_officer", LEADERSHIP, "hos.jo"),
    UserSpec("admin.rob", "Rob", "Penhale", "System administrator", "administrator", LEADERSHIP, "hos.jo"),
)  # fmt: skip

# Who `make run` suggests signing in as first: the case study's worker, the front door, a manager, a partner agency.
SUGGESTED_USERS: tuple[tuple[str, str], ...] = (
    ("ali", "Asif's youth worker; sees only the young people he works with"),
    ("fd.sam", "front door; start at the front-door queue, where the Route 7 cluster waits to be screened"),
    ("tm.north", "Pod North's manager; sees the pod's cases and who viewed a record"),
    ("police.leon", "police, a partner agency; sees only the meetings he attends and the referrals on them"),
)

# Which workers hold cases in each team (the generic families are shared out among them).
CASEHOLDERS: dict[str, tuple[str, ...]] = {
    POD_NORTH: ("sw.priya", "sw.tom"),
    POD_SOUTH: ("sw.grace", "sw.owen"),
    FRONT_DOOR: ("fd.sam", "fd.nadia"),
    EMPOWER_YOUTH: ("ali", "yw.jade"),
}
# How many generic family cases each team holds (the case study adds two more: 50 open cases in all).
GENERIC_CASES_PER_TEAM: dict[str, int] = {POD_NORTH: 18, POD_SOUTH: 18, FRONT_DOOR: 6, EMPOWER_YOUTH: 6}


# --- Name pools for the synthetic families -------------------------------------------------------------------------
# Grouped by heritage so a family's names and DfE ethnicity code fit together. Weights roughly follow a south-coast
# English city; they are illustration, not statistics.


@dataclass(frozen=True)
class Heritage:
    weight: int
    ethnicities: tuple[str, ...]  # DfE codes, the first the most likely
    boys: tuple[str, ...]
    girls: tuple[str, ...]
    men: tuple[str, ...]
    women: tuple[str, ...]
    surnames: tuple[str, ...]


HERITAGES: tuple[Heritage, ...] = (
    Heritage(
        58, ("WBRI", "WBRI", "WBRI", "WBRI", "WBRI", "WBRI", "WBRI", "WIRI", "NOBT"),
        ("Jack", "Oliver", "Harry", "Charlie", "Alfie", "Freddie", "Callum", "Liam", "Ryan", "Kai", "Mason", "Reece",
         "Connor", "Lewis", "Tyler", "Ethan", "Josh", "Finley", "Archie", "Riley"),
        ("Olivia", "Amelia", "Ella", "Lily", "Ruby", "Chloe", "Mia", "Evie", "Poppy", "Isla", "Holly", "Megan",
         "Courtney", "Leah", "Paige", "Skye", "Freya", "Millie", "Tilly", "Phoebe"),
        ("Darren", "Lee", "Craig", "Wayne", "Gary", "Stuart", "Paul", "Mark", "Dean", "Carl"),
        ("Kelly", "Lisa", "Donna", "Emma", "Stacey", "Gemma", "Claire", "Nicola", "Sarah", "Michelle"),
        ("Ashby", "Barlow", "Catchpole", "Dunmore", "Fairweather", "Gosling", "Hartnell", "Ingram", "Jessop",
         "Kember", "Lusted", "Maddox", "Norrington", "Oakes", "Pitcher", "Quarrell", "Rendell", "Shergold", "Tullett",
         "Voller", "Wickens", "Yeoman", "Blaber", "Cheesman", "Divall", "Funnell", "Hoad", "Mepham", "Stenning",
         "Verrall"),
    ),
    Heritage(
        9, ("WOTH", "WOTH", "WOTH", "WROM"),
        ("Jakub", "Mateusz", "Filip", "Luca", "Andrei", "Oskar"),
        ("Zuzanna", "Maja", "Alexandra", "Ioana", "Lena", "Natalia"),
        ("Piotr", "Marius", "Tomasz", "Bogdan"),
        ("Agnieszka", "Elena", "Monika", "Daniela"),
        ("Nowakowski", "Kowalczyk", "Wisniewska", "Popescu", "Ionescu", "Kaminski", "Dabrowski", "Lazar"),
    ),
    Heritage(
        7, ("BAFR", "BAFR", "BOTH"),
        ("Tobi", "Kwame", "Emmanuel", "Samuel", "Joshua", "Femi"),
        ("Abena", "Adaeze", "Blessing", "Precious", "Favour", "Esther"),
        ("Chinedu", "Kofi", "Olu", "Yaw"),
        ("Funmi", "Adwoa", "Ngozi", "Yetunde"),
        ("Mensah", "Okonkwo", "Adebayo", "Asante", "Osei", "Balogun", "Nwosu", "Owusu"),
    ),
    Heritage(
        5, ("BCRB", "BCRB", "BOTH"),
        ("Jermaine", "Tyrell", "Dante", "Andre", "Kyrie", "Marley"),
        ("Shanice", "Tia", "Jada", "Kiara", "Aaliyah", "Nia"),
        ("Winston", "Clive", "Delroy", "Errol"),
        ("Marcia", "Paulette", "Sonia", "Beverley"),
        ("Campbell", "Francis", "Gayle", "Grant", "Thompson", "Bailey", "Clarke", "Forbes"),
    ),
    Heritage(
        10, ("MWBC", "MWBA", "MWAS", "MOTH"),
        ("Jayden", "Leon", "Isaac", "Reuben", "Zion", "Malachi"),
        ("Maya", "Amara", "Layla", "Imani", "Sienna", "Naomi"),
        ("Dwayne", "Richard", "Anthony", "Jason"),
        ("Tanya", "Rachel", "Joanne", "Natasha"),
        ("Fenwick", "Lindqvist", "Morrell", "Sayers", "Tolhurst", "Ambrose", "Pardoe", "Bright"),
    ),
    Heritage(
        7, ("ABAN", "APKN", "AIND", "AOTH"),
        ("Zain", "Ayaan", "Rayan", "Imran", "Haris", "Arjun", "Rohan"),
        ("Aisha", "Zara", "Maryam", "Inaya", "Anika", "Sana", "Riya"),
        ("Tariq", "Khalid", "Rajesh", "Shahid"),
        ("Nasreen", "Shabana", "Rukhsana", "Sunita"),
        ("Hussain", "Chowdhury", "Mahmood", "Patel", "Sharma", "Uddin", "Akhtar", "Iqbal"),
    ),
    Heritage(
        4, ("OOTH", "OOTH", "AOTH", "REFU"),
        ("Omar", "Yusuf", "Karim", "Hamza", "Bilal"),
        ("Noor", "Amira", "Rania", "Hana", "Dalia"),
        ("Bashir", "Hassan", "Nabil"),
        ("Huda", "Leila", "Mariam"),
        ("Mansour", "Darwish", "Hamdan", "Aziz", "Barzani", "Jaber"),
    ),
)  # fmt: skip

# Nicknames friends use for the young people, and street names adults of concern go by.
CHILD_NICKNAMES: dict[str, str] = {
    "Charlie": "Chaz", "Alfie": "Alf", "Freddie": "Fred", "Joshua": "Josh", "Josh": "Joshy", "Tyler": "Ty-Ty",
    "Finley": "Fin", "Archie": "Arch", "Mateusz": "Matt", "Jakub": "Kuba", "Emmanuel": "Manny",
    "Jermaine": "J-Man", "Kyrie": "Ky", "Malachi": "Kai", "Imran": "Imy", "Haris": "H", "Abena": "Bena",
    "Olivia": "Liv", "Amelia": "Millie", "Natalia": "Nat", "Alexandra": "Sasha", "Precious": "Presh",
    "Aaliyah": "Liyah", "Phoebe": "Fee", "Rayan": "Ray", "Hamza": "Hamz", "Reuben": "Reubs", "Zion": "Z",
}  # fmt: skip
ADULT_OF_CONCERN_NICKNAMES: tuple[str, ...] = (
    "Rocco",
    "Spider",
    "Uncle T",
    "Kane",
    "Big Man",
    "Shadow",
    "Tino",
    "Nico",
)

# Invented streets: none is meant to be a real Brighton or Hove street.
STREETS: tuple[str, ...] = (
    "Kestrel Rise", "Chalkpit Lane", "Marlowe Road", "Saltwind Close", "Hollowmere Avenue", "Linnet Way",
    "Gorsefield Road", "Tidemill Street", "Beacon Hill Terrace", "Ridgeway Crescent", "Flintstone Gardens",
    "Wrenfold Drive", "Cuckmere Walk", "Seagrave Court", "Downsview Parade", "Harrowmead Road", "Ferryman Lane",
    "Starling Close", "Coldean Vale", "Rookery Row",
)  # fmt: skip
ESTATES: tuple[str, ...] = ("Hollowmere Estate", "Linnet Park Estate", "Tidemill Estate")


# --- The case study (seed 000) ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseStudyPerson:
    key: str
    given_name: str
    family_name: str
    sex: str  # a Sex value
    age: int | None
    ethnicity: str
    is_child: bool
    relationship: str  # their CaseInvolvement relationship on Asif's case; "" when not on it
    nicknames: tuple[str, ...] = ()
    previous_family_name: str = ""
    dob_estimated: bool = False
    lives_with_asif: bool = False
    la_child_id: str = ""  # fixed, so the next issue can find the case-study children again
    name_is_legal: bool = True  # False when the person is known only by a street name


# "Asif lived at home with his mother and siblings… his father was currently in custody." The father is recorded
# as a parent on the case. That he is in custody can't be stored yet (no field for it); it belongs in a case note.
CASE_STUDY_PEOPLE: tuple[CaseStudyPerson, ...] = (
    CaseStudyPerson("asif", "Asif", "Rahimi", "1", 15, "AOTH", True, "subject", ("Az",), lives_with_asif=True,
                    la_child_id="BRT004715"),
    CaseStudyPerson("asif.mother", "Samira", "Rahimi", "2", 38, "AOTH", False, "parent", previous_family_name="Noori",
                    lives_with_asif=True),
    CaseStudyPerson("asif.father", "Farid", "Rahimi", "1", 42, "AOTH", False, "parent"),
    CaseStudyPerson("asif.sister", "Yasmin", "Rahimi", "2", 12, "AOTH", True, "sibling", lives_with_asif=True,
                    la_child_id="BRT006032"),
    CaseStudyPerson("asif.brother", "Idris", "Rahimi", "1", 9, "AOTH", True, "sibling", lives_with_asif=True,
                    la_child_id="BRT007219"),
    # His friends: "In times of crisis he accessed the service with his friends."
    CaseStudyPerson("tyrese", "Tyrese", "Olowe", "1", 16, "BAFR", True, "peer", ("Ty",), la_child_id="BRT004388"),
    CaseStudyPerson("kyle", "Kyle", "Brennan", "1", 15, "WBRI", True, "peer", ("KB",), la_child_id="BRT004902"),
    CaseStudyPerson("mo", "Mohammed", "Saleh", "1", 14, "OOTH", True, "peer", ("Little Mo", "Mo"),
                    la_child_id="BRT005561"),
    CaseStudyPerson("jordan", "Jordan", "Fenwick", "1", 15, "MWBC", True, "peer", la_child_id="BRT004650"),
    # One of the "elders": known to the young people only by a street name; his real name and age are unknown.
    CaseStudyPerson("dex", "Dex", "", "1", 23, "NOBT", False, "other", ("D",), dob_estimated=True,
                    name_is_legal=False),
    # Tyrese's mother (Tyrese has his own open case, in Pod North).
    CaseStudyPerson("tyrese.mother", "Yetunde", "Olowe", "2", 41, "BAFR", False, ""),
)  # fmt: skip
CASE_STUDY_HOME = ("14 Kestrel Rise", "Hollowmere Estate", "BN7 3ZA")
TYRESE_HOME = ("3 Linnet Way", "Linnet Park Estate", "BN7 4ZD")


@dataclass(frozen=True)
class CaseStudyPlace:
    """A place in Asif's world. Contexts and links arrive with the next issue; until then they live here, ready to
    load. `kind` follows DESIGN.md's contexts: place, route, school, business."""

    key: str
    name: str
    kind: str
    description: str
    frequented_by: tuple[str, ...]  # CaseStudyPerson keys


# "Asif would point out places where he spent time, share names of people he knew and vehicles he recognised."
CASE_STUDY_PLACES: tuple[CaseStudyPlace, ...] = (
    CaseStudyPlace(
        "hollowmere-park", "Hollowmere Park", "place",
        "Park on the Hollowmere Estate. Asif and his friends meet by the skate ramps after dark; Dex has been seen "
        "there handing out phones.",
        ("asif", "tyrese", "kyle", "mo", "dex"),
    ),
    CaseStudyPlace(
        "old-railway-path", "The old railway path, Kestrel Rise to the seafront", "route",
        "The cycle route Asif and Ali ride together; Asif points out the underpass where he was once chased.",
        ("asif",),
    ),
    CaseStudyPlace(
        "brightside-academy", "Brightside Academy", "school",
        "Asif's school, where the referral's concerns about drug dealing began.",
        ("asif", "kyle", "jordan"),
    ),
    CaseStudyPlace(
        "chicken-shop", "Chick'n'Go, Marlowe Road", "business",
        "Chicken shop where the group spends evenings; a grey car Asif recognises often waits outside.",
        ("asif", "tyrese", "mo", "jordan", "dex"),
    ),
)  # fmt: skip
