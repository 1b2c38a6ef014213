/** @file Word lists and sentence templates for the synthetic demo NER dataset (written for this project, no corpus text). */

/** First names; some double as places ("Jordan", "Florence", "Sydney") to make the task less trivial. */
export const FIRST_NAMES = [
  'James', 'Maria', 'Peter', 'Anna', 'David', 'Laura', 'Thomas', 'Sofia', 'Michael', 'Elena',
  'Robert', 'Julia', 'Daniel', 'Clara', 'Martin', 'Nina', 'Paul', 'Eva', 'Mark', 'Sarah',
  'Lucas', 'Emma', 'Victor', 'Irene', 'Samuel', 'Helen', 'Oscar', 'Alice', 'Hugo', 'Rosa',
  'Felix', 'Marta', 'Ahmed', 'Fatima', 'Kenji', 'Yuki', 'Carlos', 'Lucia', 'Ivan', 'Olga',
  'Pierre', 'Claire', 'Hans', 'Greta', 'Luca', 'Chiara', 'Pedro', 'Ines', 'Omar', 'Leila',
  'Jordan', 'Georgia', 'Florence', 'Sydney', 'Victoria', 'Shannon', 'Kwame', 'Amara', 'Tomas', 'Katarina',
  'Andrew', 'Grace', 'Simon', 'Hannah', 'Nikolai', 'Mei', 'Rahul', 'Priya', 'Joao', 'Astrid',
];

/** Surnames; a few double as places ("Washington", "Lincoln", "Chester") or carry a lowercase particle. */
export const LAST_NAMES = [
  'Smith', 'Brown', 'Miller', 'Novak', 'Walker', 'Fischer', 'Moreau', 'Rossi', 'Kowalski', 'Tanaka',
  'Garcia', 'Silva', 'Jensen', 'Larsen', 'Petrov', 'Okafor', 'Mensah', 'Haddad', 'Costa', 'Dubois',
  'Weber', 'Becker', 'Hoffmann', 'Romano', 'Ricci', 'Andersen', 'Nilsson', 'Berg', 'Lindqvist', 'Horvat',
  'Popescu', 'Yilmaz', 'Demir', 'Nakamura', 'Suzuki', 'Kim', 'Park', 'Chen', 'Wong', 'Singh',
  'Patel', 'Kumar', 'Murphy', 'Kelly', 'Byrne', "O'Brien", 'Reid', 'Grant', 'Hughes', 'Price',
  'Carter', 'Hayes', 'Ward', 'Foster', 'Barker', 'Fletcher', 'Webb', 'Lambert', 'Marsh', 'Washington',
  'Lincoln', 'Chester', 'Preston', 'de Souza', 'van Dijk', 'Mbeki', 'Haugen', 'Eriksen', 'Santos', 'Ferreira',
  'Abbott', 'Keller', 'Varga', 'Szabo', 'Morales', 'Ortega', 'Nowak', 'Duval', 'Lefevre', 'Quinn',
];

export const CITIES = [
  'London', 'Paris', 'Berlin', 'Madrid', 'Rome', 'Vienna', 'Prague', 'Warsaw', 'Lisbon', 'Dublin',
  'Oslo', 'Stockholm', 'Helsinki', 'Copenhagen', 'Amsterdam', 'Brussels', 'Geneva', 'Zurich', 'Milan', 'Naples',
  'Munich', 'Hamburg', 'Lyon', 'Marseille', 'Porto', 'Seville', 'Athens', 'Istanbul', 'Cairo', 'Nairobi',
  'Lagos', 'Accra', 'Johannesburg', 'Mumbai', 'Delhi', 'Tokyo', 'Osaka', 'Seoul', 'Shanghai', 'Sydney',
  'Melbourne', 'Toronto', 'Montreal', 'Chicago', 'Boston', 'Denver', 'Houston', 'Lima', 'Santiago', 'Bogota',
  'Washington', 'Lincoln', 'Chester', 'Preston', 'Florence', 'Victoria', 'Manchester', 'Liverpool', 'Glasgow', 'Cardiff',
  'Leeds', 'Bristol', 'New York', 'Rio de Janeiro', 'Buenos Aires', 'Los Angeles', 'San Francisco', 'Hong Kong', 'Cape Town', 'Kuala Lumpur',
];

export const COUNTRIES = [
  'France', 'Germany', 'Spain', 'Italy', 'Portugal', 'Poland', 'Austria', 'Hungary', 'Greece', 'Turkey',
  'Egypt', 'Kenya', 'Nigeria', 'Ghana', 'Brazil', 'Argentina', 'Chile', 'Peru', 'Colombia', 'Mexico',
  'Canada', 'Japan', 'China', 'India', 'Australia', 'Norway', 'Sweden', 'Finland', 'Denmark', 'Ireland',
  'Belgium', 'Jordan', 'Georgia', 'Chad', 'South Africa', 'New Zealand', 'the United States', 'South Korea', 'Romania', 'Croatia',
];

export const RIVERS = [
  'Danube', 'Rhine', 'Thames', 'Seine', 'Nile', 'Volga', 'Elbe', 'Loire', 'Tagus', 'Po',
  'Mekong', 'Zambezi', 'Niger', 'Vistula', 'Oder', 'Shannon', 'Severn', 'Ganges', 'Yukon', 'Orinoco',
];

export const REGIONS = [
  'Bavaria', 'Tuscany', 'Scandinavia', 'Siberia', 'Patagonia', 'the Alps', 'the Andes', 'Catalonia', 'Flanders', 'Normandy',
  'Andalusia', 'Silesia', 'Anatolia', 'Cornwall', 'Yorkshire', 'Provence', 'Lapland', 'Transylvania', 'the Balkans', 'Sahara',
];

/** Nationality and regional adjectives (MISC). */
export const NATIONALITIES = [
  'French', 'German', 'Spanish', 'Italian', 'Portuguese', 'Polish', 'Austrian', 'Greek', 'Turkish', 'Egyptian',
  'Kenyan', 'Nigerian', 'Brazilian', 'Argentine', 'Chilean', 'Mexican', 'Canadian', 'Japanese', 'Chinese', 'Indian',
  'Australian', 'Norwegian', 'Swedish', 'Finnish', 'Danish', 'Irish', 'Belgian', 'Dutch', 'British', 'American',
  'European', 'African', 'Asian', 'Hungarian', 'Croatian', 'Romanian',
];

/** Languages (MISC). */
export const LANGUAGES = [
  'English', 'French', 'German', 'Spanish', 'Portuguese', 'Italian', 'Arabic', 'Mandarin', 'Japanese', 'Hindi',
  'Swahili', 'Polish', 'Greek', 'Turkish', 'Dutch', 'Swedish', 'Finnish', 'Korean', 'Russian', 'Hungarian',
  'Catalan', 'Welsh', 'Basque', 'Yoruba',
];

/** Invented company name stems. */
export const ORG_STEMS = [
  'Northwind', 'Bluestone', 'Redwood', 'Silverline', 'Ironbridge', 'Greenfield', 'Oakridge', 'Brightwater', 'Stonegate', 'Highland',
  'Clearview', 'Starlight', 'Goldcrest', 'Westbrook', 'Eastgate', 'Riverside', 'Pinnacle', 'Horizon', 'Meridian', 'Vantage',
  'Keystone', 'Lakeshore', 'Maplewood', 'Crescent', 'Falconer', 'Harbourside', 'Cobalt', 'Granite', 'Aurora', 'Nimbus',
  'Orion', 'Polaris', 'Sterling', 'Trident', 'Zenith', 'Copperfield', 'Ashford', 'Kingsbridge', 'Fairhaven', 'Brookline',
];

export const COMPANY_SUFFIXES = [
  'Trading Company', 'Holdings', 'Group', 'Bank', 'Airlines', 'Motors', 'Electric', 'Energy', 'Steel', 'Foods',
  'Pharmaceuticals', 'Telecom', 'Insurance', 'Shipping', 'Capital', 'Logistics', 'Mining', 'Textiles', 'Media', 'Systems',
  'Brewery', 'Railways', 'Chemicals', 'Software',
];

/** Things a city name can be followed by to name an organisation ("Berlin Electric", "Lyon Herald"). */
export const CITY_ORG_SUFFIXES = [
  'Electric', 'Herald', 'Times', 'Port Authority', 'Water Company', 'Savings Bank', 'Gas Works', 'University', 'Chamber of Commerce', 'Stock Exchange',
];

export const INST_PREFIXES = ['International', 'European', 'Northern', 'Atlantic', 'Pacific', 'Federal', 'National', 'Global', 'Central', 'Western', 'Eastern'];
export const INST_DOMAINS = ['Maritime', 'Grain', 'Trade', 'Energy', 'Health', 'Rail', 'Aviation', 'Fisheries', 'Labour', 'Farmers', 'Mining', 'Olympic'];
export const INST_TYPES = ['Union', 'Council', 'Commission', 'Association', 'Federation', 'Agency', 'Authority', 'Board', 'League', 'Institute'];

export const CLUB_SUFFIXES = ['Rovers', 'United', 'Athletic', 'Wanderers', 'Rangers', 'FC', 'Lions', 'Sharks', 'Albion', 'Olympic'];
export const CLUB_PREFIXES = ['Real', 'Sporting', 'Dynamo', 'Inter', 'Racing'];

export const SPORTS = ['Rowing', 'Cycling', 'Chess', 'Sailing', 'Hockey', 'Athletics', 'Swimming', 'Judo', 'Fencing', 'Skating'];
export const CITY_CUP_SUFFIXES = ['Open', 'Marathon', 'Grand Prix', 'Regatta', 'Classic'];
export const CITY_FAIR_SUFFIXES = ['Film Festival', 'Trade Fair', 'Book Fair', 'Jazz Festival', 'Motor Show', 'Art Biennale'];
export const NAT_EVENT_SUFFIXES = ['Grand Prix', 'Cup', 'Open', 'Championships', 'Masters'];

/** Plain (O) filler lists. */
export const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh'];
export const TITLES = ['Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Professor', 'Judge', 'General', 'Senator'];
export const ROLES = ['chief executive', 'spokesman', 'spokeswoman', 'finance director', 'chairman', 'analyst', 'economist', 'lawyer'];
export const POSITIONS = ['striker', 'midfielder', 'defender', 'goalkeeper', 'winger', 'captain'];

/**
 * Sentence templates: tokens separated by single spaces, punctuation already split off.
 * Slots: PER (full name), PERL (surname), ORG (COMPANY or INST), COMPANY, INST, CLUB, CITY, COUNTRY, PLACE (city or country), RIVER, REGION,
 * NAT, LANG, EVENT (CUP or a fair/festival), CUP (sports event), AGENT (person or organisation); O fillers NUM, GOALS, RANK, BIG, DEC, YEAR, SCORE, TIME, DATE, DAY,
 * MONTH, ORD, TITLE, ROLE, POS. A trailing "!" upper-cases the slot (headlines, datelines).
 */
export const ENTITY_TEMPLATES = [
  '{PER} , the {ROLE} of {ORG} , said on {DAY} that profits would rise .',
  'Shares in {COMPANY} fell {DEC} percent to {DEC} in early trading in {CITY} .',
  '{COMPANY} said it had agreed to buy {COMPANY} for {NUM} million dollars .',
  '{CLUB} beat {CLUB} {SCORE} on {DAY} to go top of the table .',
  '{TITLE} {PERL} told reporters in {CITY} that the talks had been useful .',
  'The {NAT} government said it would send {NUM} observers to {COUNTRY} .',
  'SOCCER - {CLUB!} BEAT {CLUB!} TO REACH {CUP!} FINAL .',
  'TENNIS - {PER!} WINS {CUP!} TITLE IN {CITY!} .',
  '{CITY!} {DATE} - {ORG} said on {DAY} it would cut {NUM} jobs .',
  'Flooding along the {RIVER} forced {BIG} families from their homes near {CITY} .',
  '{PER} scored twice as {CLUB} won {SCORE} away at {CLUB} .',
  'The {EVENT} will be held in {CITY} in {MONTH} , organisers said .',
  '{PER} , who speaks fluent {LANG} , was appointed ambassador to {COUNTRY} .',
  '" We are very happy with the result , " {PERL} said .',
  '{PER} ( {COUNTRY} ) {TIME}',
  '{RANK} . {PER} ( {COUNTRY} ) {TIME}',
  '{CLUB} {GOALS} {CLUB} {GOALS}',
  'The {NAT} {POS} joined {CLUB} from {CLUB} last season .',
  'Police in {CITY} said {NUM} people were hurt when a bus crashed on {DAY} .',
  '{ORG} , based in {CITY} , employs about {BIG} people in {NUM} countries .',
  'The {INST} said in a statement that it expected growth of {DEC} percent this year .',
  '{PER} won the {CUP} for the {ORD} time on {DAY} .',
  'Talks between {COUNTRY} and {COUNTRY} will resume in {CITY} next week , a spokesman said .',
  '{PER} and {PER} will meet in the final of the {CUP} .',
  'The film , shot in {LANG} and {LANG} , opens in {CITY} on {DAY} .',
  '{TITLE} {PERL} , {NUM} , has lived in {PLACE} since {YEAR} .',
  'Prime Minister {PER} arrived in {CITY} on {DAY} for a two-day visit .',
  'President {PER} of {COUNTRY} said the agreement was a good first step .',
  'The {NAT} central bank left interest rates unchanged at {DEC} percent .',
  '{ORG} reported a net loss of {DEC} million dollars for the third quarter .',
  '{CLUB} coach {PER} said his side had played well despite the defeat .',
  '{PERL} , who joined {ORG} in {YEAR} , will take over as chairman in {MONTH} .',
  'A {NAT} tourist was rescued from the {RIVER} near {CITY} on {DAY} night .',
  '{ORG} and {ORG} signed a deal worth {NUM} million euros on {DAY} .',
  'Exports from {COUNTRY} to {COUNTRY} rose {DEC} percent in {MONTH} , official figures showed .',
  '{PER} ( {CLUB} ) was sent off after {NUM} minutes .',
  '{AGENT} declined to comment on the report .',
  'Heavy rain in {REGION} delayed the start of the {EVENT} by two hours .',
  'The {EVENT} attracted more than {BIG} visitors to {CITY} last year .',
  '{PER} , a {NAT} citizen , was detained at the airport in {CITY} .',
  '{COMPANY} will open a new factory in {CITY} , {COUNTRY} , creating {BIG} jobs .',
  'Ministers from {NUM} countries gathered in {CITY} for the annual meeting of the {INST} .',
  '{PERL} was born in {CITY} and moved to {COUNTRY} as a child .',
  'The book has been translated into {LANG} , {LANG} and {LANG} .',
  '{CLUB} signed {NAT} {POS} {PER} on a three-year contract .',
  '{PER} said : " This is a great day for {PLACE} . "',
  'Analysts at {COMPANY} expect the {NAT} economy to grow by {DEC} percent .',
  'The {RIVER} rose to its highest level since {YEAR} , officials in {CITY} said .',
  '{ORG} chairman {PER} resigned on {DAY} after {NUM} years in the job .',
  'In {CITY} , {PER} led a protest outside the offices of {ORG} .',
  '{PER} , {PER} and {PER} were named in the squad for the {CUP} .',
  '{COUNTRY} qualified for the {CUP} after a {SCORE} win over {COUNTRY} .',
  'The {NAT} team finished {ORD} in the {CUP} in {CITY} .',
  '{AGENT} is expected to announce the results on {DAY} .',
  'Trading on the {CITY} stock market was quiet ahead of the holiday .',
  '{COMPANY} has agreed to sell its {NAT} unit to {COMPANY} .',
  'Officials said the bridge over the {RIVER} would reopen in {MONTH} .',
  '{PER} told the {INST} that the plan would cost {NUM} million dollars .',
  'Both {PERL} and {PERL} denied the charges at a court in {CITY} on {DAY} .',
  'Schools in {REGION} now teach {LANG} from the age of {NUM} .',
  '{CLUB} , who won the {CUP} last year , are {ORD} in the league with {NUM} points .',
  'The {INST} headquarters in {CITY} was closed for security reasons .',
  '{PER} flew from {CITY} to {CITY} to attend the {EVENT} .',
  '{NAT} and {NAT} troops held joint exercises near the border with {COUNTRY} .',
  'A {ROLE} for {COMPANY} said the company had no plans to leave {COUNTRY} .',
  '{PER} ( {COUNTRY} ) beat {PER} ( {COUNTRY} ) {SCORE} {SCORE}',
  'Visitors to {CITY} can take a boat along the {RIVER} .',
  '{COMPANY} and {COMPANY} are in talks over a possible merger , sources said .',
  'Dr. {PERL} of the {INST} warned that the disease could spread to {COUNTRY} .',
  '{PER} , {NUM} , is the youngest player ever to win the {CUP} .',
  'The {INST} reported that {PER} had left {PLACE} on {DAY} .',
  '{PERL} \'s late goal gave {CLUB} a {SCORE} win over {CLUB} .',
  'She moved to {CITY} to study {LANG} at university .',
  '{CITY} is the largest city in {COUNTRY} .',
  'He works for {ORG} in {CITY} .',
  '{AGENT} said it was too early to say whether {PLACE} would be affected .',
  '{NAT} police arrested {NUM} men after a raid in {CITY} on {DAY} .',
  'The {CUP} , first held in {YEAR} , is open to players from {COUNTRY} and {COUNTRY} .',
  'Results of the {CUP} on {DAY} :',
  'According to {PER} of {ORG} , demand in {REGION} is growing .',
  '{PER} , the {NAT} {POS} who joined {CLUB} from {CLUB} in {YEAR} , said on {DAY} that he wanted to stay in {CITY} .',
  'The {INST} , which has offices in {CITY} , {CITY} and {CITY} , said demand in {REGION} had risen by {DEC} percent in the past year .',
  'Speaking in {LANG} at a news conference in {CITY} on {DAY} , {PER} said the {INST} would publish its report on {COUNTRY} in {MONTH} .',
  'Rescue teams from {COUNTRY} and {COUNTRY} searched the banks of the {RIVER} on {DAY} after heavy rain caused flooding in {REGION} .',
  '{CLUB} , who have not won the {CUP} since {YEAR} , face {CLUB} on {DAY} , with {POS} {PER} expected to return from injury .',
  'In a statement issued in {CITY} , {COMPANY} said it had no plans to cut jobs in {COUNTRY} but would review its business in {REGION} .',
  'Goalscorers : {PERL} , {PERL} .',
  'Referee : {PER} ( {COUNTRY} )',
  'Attendance in {CITY} : {BIG} .',
  '{COUNTRY} beat {COUNTRY} {SCORE} .',
  '{PERL} was not available for comment .',
  'Prices in {CITY} fell again .',
  '{COMPANY} shares were suspended .',
  '{TITLE} {PER} , a former {ROLE} at {COMPANY} , will lead the {NAT} delegation at the {EVENT} in {CITY} next month .',
];

/** Templates with no entity at all (about 15% of sentences). */
export const PLAIN_TEMPLATES = [
  'The company said profits rose {DEC} percent in the first half .',
  'Prices fell sharply in late trading , dealers said .',
  'The match was abandoned after {NUM} minutes because of heavy rain .',
  'Officials said {NUM} people had been injured in the blast .',
  'The government is expected to announce new measures on {DAY} .',
  'Inflation rose to {DEC} percent in {MONTH} from {DEC} percent a month earlier .',
  '" It was a very difficult game for us , " the coach said .',
  'The index closed {DEC} points higher at {BIG} .',
  'police said the driver had been arrested on {DAY} .',
  'Both teams had chances in the second half but neither could score .',
  'The talks are due to resume after the holiday , a {ROLE} said .',
  'Shares rose {DEC} percent , while bonds were little changed .',
  'The results will be published on {DAY} , the {ROLE} added .',
  'About {BIG} people attended the rally on {DAY} .',
  'The score at half-time was {SCORE} .',
  'The {ROLE} said the new plant would employ {BIG} workers by {YEAR} .',
  'The central bank said on {DAY} that it would keep interest rates at {DEC} percent for the rest of the year , citing weak demand and rising costs .',
  'Fans waited for more than {NUM} hours in the cold , but the players did not arrive until late in the evening .',
];
