import { sectionsEn } from "./sections/index.en";
import type { Messages } from "./zh-CN";

const en: Messages = {
  ...sectionsEn,
  app: { name: "LaborBridge", tagline: "Stable jobs in Beijing–Tianjin for workers from Hebei's poor counties", skip: "Skip to content" },
  nav: { home: "Home", signIn: "Sign in", signOut: "Sign out", language: "中文", menu: "Menu", admin: "Administration", coordinator: "Coordinator desk", provider: "Training provider", employer: "Employer", me: "My page" },
  roles: { ADMIN: "Administrator", COORDINATOR: "Coordinator", PROVIDER_STAFF: "Training provider staff", EMPLOYER: "Employer", JOB_SEEKER: "Job seeker" },
  levels: { PROVINCE: "Province", PREFECTURE: "Prefecture", COUNTY: "County", TOWNSHIP: "Township", VILLAGE: "Village" },
  workerStatus: { REGISTERED: "Registered", MATCHED: "Matched", IN_TRAINING: "In training", TRAINED: "Trained", PLACED: "Placed", STABLE: "Stable employment", LEFT: "Left job" },
  employerStatus: { PENDING: "Pending review", VERIFIED: "Verified", REJECTED: "Rejected", SUSPENDED: "Suspended" },
  trainingKind: { ORDER_BASED: "Order-based", POST_BASED: "Post-based", COMPOUND: "Compound" },
  home: {
    heroTitle: "Good jobs to the villages, good workers to Beijing and Tianjin",
    heroBody: "LaborBridge connects job seekers in Hebei's poor counties, county labour coordinators, training providers and employers in Beijing and Tianjin: training to order, placement to real posts, followed up to stable employment.",
    forSeekers: "Job seekers", forSeekersBody: "Register on a phone, see job offers and training places.",
    forCoordinators: "Coordinators", forCoordinatorsBody: "Register people, run order-based training, verify placements, follow up, and see the annual plan at any time.",
    forEmployers: "Employers", forEmployersBody: "Post job orders and training orders, review matched candidates with reasons, keep your hiring commitments.",
    stats: "At a glance", statCounties: "poverty counties (Hebei's 62 national and provincial key counties of 2012)", statWorkers: "registered job seekers", statPostings: "open job postings", statOrders: "training orders",
    signInCta: "Sign in",
  },
  login: {
    failedSignInsNotice: "There were {{count}} failed sign-ins on your account since you last signed in. If that was not you, change your password and tell an administrator.",
    slowedDown: "This account has had several failed sign-ins; try again in {{seconds}} seconds",
    badRedirect: "The page to open after signing in is not on this site, so it was refused; sign in directly",
    title: "Sign in", identifier: "Account", identifierHint: "Staff: your username. Job seekers: ID number or mobile number", password: "Password",
    submit: "Sign in", invalid: "The account or password is not right", rateLimited: "Too many attempts. Try again in {{minutes}} minutes", required: "Please fill this in",
    demoHint: "Demo accounts are printed when the server starts",
  },
  common: { save: "Save", create: "Create", cancel: "Cancel", back: "Back", yes: "Yes", no: "No", none: "None", actions: "Actions", search: "Search", total: "{{count}} in total", view: "View", reveal: "Show in full", revealed: "Shown in full (this view was logged)", close: "Close", revoke: "Revoke", revoked: "Revoked", loading: "Loading…", required: "required", optional: "optional", forbidden: "Forbidden", notFound: "Not found", errorTitle: "Something went wrong", errorBody: "This page cannot be shown right now. Please try again later.", year: "{{year}}", uploadMalformed: "The upload could not be read: its file name or form is malformed. Rename the file to a simple name (without ; = or \") and upload it again." },
  admin: {
    title: "Administration", users: "Users", tokens: "API tokens", regions: "Regions and poverty counties",
    counts: "In the database", countRegions: "Regions", countOccupations: "Occupations", countWorkers: "Job seekers", countEmployers: "Employers", countUsers: "Users",
    newUser: "New user", username: "Username", displayName: "Name", password: "Initial password", role: "Role", region: "Region", regionHint: "Coordinators and provider staff need a region (county, prefecture or province)",
    userCreated: "User created", usernameTaken: "That username is taken", regionRequired: "This role needs a region", unknownRegion: "No region has this code",
tokenExpires: "Expires", tokenExpired: "Expired", tokenDays: "Valid for (days)", tokenDaysHint: "The token stops working after this (1–{{max}} days)", tokenDaysRange: "A whole number from 1 to 365", tokenNotFound: "No such token, or it was already revoked",
    newToken: "New token", tokenName: "What it is for", tokenCreated: "Token created. It is shown only this once; copy it now:", lastUsed: "Last used", createdAt: "Created",
    povertyCounty: "Poverty county", povertyToggleOn: "Mark as poverty county", povertyToggleOff: "Unmark", code: "Code", name: "Name", level: "Level",
    passwordTooShort: "At least 10 characters", usernameFormat: "Lowercase letters, digits, dot, dash and underscore only (3–40)",
  },
  coordinator: {
    title: "Coordinator desk", scope: "Region: {{region}}", workers: "Job seekers", workersInScope: "Job seekers registered in this region",
    planTitle: "Annual plan {{year}}", trainingPersonTimes: "Training person-times", orderBased: "of which order-based", transferred: "Persons transferred", toBeijingTianjin: "of which to Beijing–Tianjin", stable: "Persons in stable work",
    noPlan: "No plan entered for this year", name: "Name", idNumber: "ID number", phone: "Mobile", county: "County", status: "Status", poor: "Registered poor", registeredAt: "Registered",
    level: "level {{level}}", minWage: "Minimum monthly wage (CNY)", source: "Registered by", enteredBy: "entered by {{name}}", consents: "Consents",
    sources: { SELF: "the person themself", COORDINATOR: "a coordinator", IMPORT: "roster import", API: "system interface" },
    consentPurpose: { REGISTRATION: "use of personal information", PRIORITY_FACTORS: "household circumstances", SHARE_WITH_EMPLOYER: "sharing with employers" },
    childRegions: "Regions below", searchLabel: "Name, skill or occupation", searchPlaceholder: "e.g. 王 焊工 护工", allCounties: "All counties", allStatuses: "All statuses", poorOnly: "Registered poor households only", noResults: "No job seekers match", pages: "Pages", findWorkers: "Find job seekers", workerDetail: "Job seeker", skills: "Skills", preferences: "Preferences", noWorkers: "No job seekers registered in this region yet",
  },
  provider: { title: "Training provider", classes: "Classes", noClasses: "No classes yet", className: "Class", occupation: "Occupation", dates: "Dates", capacity: "Places", enrolled: "Enrolled" },
  employer: { title: "Employer", status: "Verification", postings: "Job postings", trainingOrders: "Training orders", noPostings: "No job postings yet", noOrders: "No training orders yet", headcount: "Headcount", wage: "Monthly wage (CNY)", pendingNote: "Your organisation is waiting for a coordinator's review. Until then you can draft orders but not publish them." },
  me: { profileTitle: "My skills and what work I want", profileHint: "{{name}}, keep your skills and wishes up to date: jobs and training are suggested from them. Name, ID number and household registration are changed by a coordinator who can check documents.", editProfile: "Update skills and preferences", saved: "Saved.", title: "My job search", status: "Current status", offers: "Job invitations", training: "Training places", noOffers: "No job invitations yet. Suitable offers will appear here.", noTraining: "No training places yet.", profile: "My details" },
  errors: { server: "Server error, please try again later", forbidden: "You may not open this page", notFound: "Page not found", employerSuspended: "Your employer account is suspended: candidates, matches and placed workers cannot be viewed while it is. Please contact a coordinator with any questions." },
};

export default en;
