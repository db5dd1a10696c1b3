"""Deterministic generator of the demo vendors and the demo hiring history.

Run ``python seeds/generate_demo.py`` to rewrite ``seeds/demo_vendors.json`` and
``seeds/demo_history.json``. The output depends only on the fixed seed, the
taxonomy, the FX table and the reference data shipped with pycountry, babel,
countryinfo (UN subregion names) and tzdata (through zoneinfo): running it
twice gives byte-identical files.

Every vendor carries a hidden quality and visibility (never written out). The
history is simulated in chronological order: for each project the shortlist is
drawn from vendors with good skill overlap, the hire is the shortlisted vendor
with the best mix of skill fit, time-zone overlap, rate against budget,
certifications and earlier reviews, and the review scores follow the hidden
quality, the overlap and the shared language. A learner fitted on this history
can recover those effects.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import re
import sys
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

import babel.core
import babel.numbers
import pycountry
from babel import Locale
from countryinfo import CountryInfo  # UN subregion names, as the matcher uses them

SEED = 20261101
AS_OF = dt.date(2026, 11, 1)
SEEDS_DIR = Path(__file__).resolve().parent
N_VENDORS = 1080
N_BUSINESSES = 60
N_PROJECTS = 2500

CERTIFICATIONS = ["ISO_27001", "SOC_2", "GDPR_DPA", "HIPAA", "PCI_DSS", "ISO_9001"]
EU = {
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
}  # fmt: skip

# --------------------------------------------------------------------------- countries
# code: (weight, mid-level agency USD rate, English level 0..1, name group, cities)
# A city is "Name" or "Name@Area/Zone" where the country spans several IANA zones.
COUNTRIES: dict[str, tuple[float, int, float, str, list[str]]] = {
    "IN": (14, 28, 0.7, "in", ["Bengaluru", "Pune", "Hyderabad", "Chennai", "Noida", "Ahmedabad",
                               "Kochi", "Jaipur"]),
    "UA": (7, 42, 0.6, "ua", ["Kyiv", "Lviv", "Kharkiv", "Dnipro", "Odesa", "Vinnytsia"]),
    "PL": (6, 52, 0.7, "pl", ["Warsaw", "Krakow", "Wroclaw", "Gdansk", "Poznan", "Lodz"]),
    "RO": (3.5, 46, 0.7, "ro", ["Bucharest", "Cluj-Napoca", "Iasi", "Timisoara", "Brasov"]),
    "PH": (4, 22, 0.75, "ph", ["Manila", "Cebu", "Makati", "Davao", "Quezon City"]),
    "VN": (3.5, 28, 0.45, "vn", ["Ho Chi Minh City", "Hanoi", "Da Nang"]),
    "BR": (4, 42, 0.45, "br", ["Sao Paulo@America/Sao_Paulo", "Florianopolis@America/Sao_Paulo",
                               "Belo Horizonte@America/Sao_Paulo", "Recife@America/Recife",
                               "Porto Alegre@America/Sao_Paulo", "Curitiba@America/Sao_Paulo"]),
    "AR": (3, 42, 0.6, "es", ["Buenos Aires@America/Argentina/Buenos_Aires",
                              "Cordoba@America/Argentina/Cordoba",
                              "Rosario@America/Argentina/Cordoba",
                              "Mendoza@America/Argentina/Mendoza"]),
    "MX": (3, 44, 0.5, "es", ["Mexico City@America/Mexico_City", "Guadalajara@America/Mexico_City",
                              "Monterrey@America/Monterrey", "Tijuana@America/Tijuana",
                              "Merida@America/Merida"]),
    "CO": (2.5, 38, 0.5, "es", ["Bogota", "Medellin", "Cali", "Barranquilla"]),
    "PK": (3, 22, 0.6, "pk", ["Lahore", "Karachi", "Islamabad", "Rawalpindi", "Faisalabad"]),
    "EG": (2, 25, 0.5, "ar", ["Cairo", "Alexandria", "Giza"]),
    "NG": (2, 25, 0.8, "ng", ["Lagos", "Abuja", "Ibadan", "Port Harcourt"]),
    "KE": (1.5, 26, 0.8, "ke", ["Nairobi", "Mombasa", "Kisumu"]),
    "PT": (2, 55, 0.7, "pt", ["Lisbon@Europe/Lisbon", "Porto@Europe/Lisbon",
                              "Braga@Europe/Lisbon", "Coimbra@Europe/Lisbon"]),
    "ES": (2, 60, 0.55, "es", ["Madrid@Europe/Madrid", "Barcelona@Europe/Madrid",
                               "Valencia@Europe/Madrid", "Malaga@Europe/Madrid",
                               "Seville@Europe/Madrid"]),
    "RS": (2, 44, 0.65, "rs", ["Belgrade", "Novi Sad", "Nis"]),
    "BY": (1, 36, 0.5, "ua", ["Minsk", "Grodno", "Brest"]),
    "BG": (2, 44, 0.6, "bg", ["Sofia", "Plovdiv", "Varna", "Burgas"]),
    "CZ": (1.5, 56, 0.65, "cz", ["Prague", "Brno", "Ostrava"]),
    "EE": (1, 62, 0.75, "ee", ["Tallinn", "Tartu"]),
    "LT": (1, 55, 0.7, "lt", ["Vilnius", "Kaunas", "Klaipeda"]),
    "LV": (0.6, 52, 0.7, "lv", ["Riga", "Daugavpils"]),
    "GE": (1, 34, 0.55, "ge", ["Tbilisi", "Batumi", "Kutaisi"]),
    "AM": (1, 36, 0.55, "am", ["Yerevan", "Gyumri"]),
    "TR": (1.5, 38, 0.45, "tr", ["Istanbul", "Ankara", "Izmir", "Antalya"]),
    "BD": (2, 20, 0.5, "pk", ["Dhaka", "Chattogram", "Sylhet"]),
    "LK": (1, 25, 0.6, "lk", ["Colombo", "Kandy", "Galle"]),
    "ID": (1.5, 25, 0.45, "id", ["Jakarta@Asia/Jakarta", "Bandung@Asia/Jakarta",
                                 "Yogyakarta@Asia/Jakarta", "Surabaya@Asia/Jakarta",
                                 "Denpasar@Asia/Makassar"]),
    "MY": (1, 35, 0.7, "my", ["Kuala Lumpur@Asia/Kuala_Lumpur", "Penang@Asia/Kuala_Lumpur",
                              "Johor Bahru@Asia/Kuala_Lumpur", "Kuching@Asia/Kuching"]),
    "CN": (1.5, 40, 0.35, "cn", ["Shenzhen@Asia/Shanghai", "Hangzhou@Asia/Shanghai",
                                 "Chengdu@Asia/Shanghai", "Shanghai@Asia/Shanghai"]),
    "US": (4, 125, 1.0, "anglo", ["New York@America/New_York", "Austin@America/Chicago",
                                  "Chicago@America/Chicago", "Denver@America/Denver",
                                  "San Francisco@America/Los_Angeles",
                                  "Seattle@America/Los_Angeles", "Miami@America/New_York",
                                  "Boston@America/New_York"]),
    "CA": (1.5, 95, 1.0, "anglo", ["Toronto@America/Toronto", "Vancouver@America/Vancouver",
                                   "Montreal@America/Toronto", "Calgary@America/Edmonton",
                                   "Halifax@America/Halifax"]),
    "GB": (2.5, 100, 1.0, "anglo", ["London", "Manchester", "Edinburgh", "Bristol", "Leeds"]),
    "IE": (0.5, 95, 1.0, "anglo", ["Dublin", "Cork", "Galway"]),
    "DE": (2, 95, 0.7, "de", ["Berlin@Europe/Berlin", "Munich@Europe/Berlin",
                              "Hamburg@Europe/Berlin", "Cologne@Europe/Berlin",
                              "Leipzig@Europe/Berlin"]),
    "NL": (1, 100, 0.9, "nl", ["Amsterdam", "Rotterdam", "Utrecht", "Eindhoven"]),
    "SE": (0.5, 95, 0.9, "se", ["Stockholm", "Gothenburg", "Malmo"]),
    "FR": (0.8, 85, 0.5, "fr", ["Paris@Europe/Paris", "Lyon@Europe/Paris",
                                "Nantes@Europe/Paris", "Toulouse@Europe/Paris"]),
    "IT": (0.8, 65, 0.5, "it", ["Milan", "Turin", "Bologna", "Rome"]),
    "HU": (1, 48, 0.6, "hu", ["Budapest", "Debrecen", "Szeged"]),
    "SK": (0.7, 50, 0.6, "cz", ["Bratislava", "Kosice"]),
    "HR": (0.7, 48, 0.7, "rs", ["Zagreb", "Split", "Rijeka"]),
    "MD": (0.5, 30, 0.5, "ro", ["Chisinau"]),
    "KZ": (0.6, 32, 0.4, "kz", ["Almaty@Asia/Almaty", "Astana@Asia/Almaty"]),
    "IL": (1, 95, 0.85, "il", ["Tel Aviv", "Haifa", "Jerusalem"]),
    "ZA": (1, 42, 0.95, "za", ["Cape Town", "Johannesburg", "Durban", "Pretoria"]),
    "MA": (1, 30, 0.4, "ar", ["Casablanca", "Rabat", "Marrakesh", "Tangier"]),
    "TN": (0.5, 28, 0.4, "ar", ["Tunis", "Sfax", "Sousse"]),
    "JO": (0.4, 30, 0.6, "ar", ["Amman", "Irbid"]),
    "GH": (0.6, 25, 0.8, "ng", ["Accra", "Kumasi"]),
    "CL": (1, 46, 0.5, "es", ["Santiago@America/Santiago", "Valparaiso@America/Santiago",
                              "Concepcion@America/Santiago"]),
    "PE": (0.8, 36, 0.45, "es", ["Lima", "Arequipa", "Trujillo"]),
    "UY": (0.8, 52, 0.6, "es", ["Montevideo", "Punta del Este"]),
    "CR": (0.8, 46, 0.6, "es", ["San Jose", "Heredia", "Cartago"]),
    "AU": (1, 110, 1.0, "anglo", ["Sydney@Australia/Sydney", "Melbourne@Australia/Melbourne",
                                  "Brisbane@Australia/Brisbane", "Perth@Australia/Perth",
                                  "Adelaide@Australia/Adelaide"]),
    "NZ": (0.5, 90, 1.0, "anglo", ["Auckland@Pacific/Auckland", "Wellington@Pacific/Auckland",
                                   "Christchurch@Pacific/Auckland"]),
    "SG": (0.6, 80, 0.9, "cn", ["Singapore"]),
    "TH": (0.6, 30, 0.4, "th", ["Bangkok", "Chiang Mai", "Phuket"]),
}  # fmt: skip

# Countries whose vendors sometimes run a night shift aligned with US hours.
OFFSHORE = {"IN", "PH", "PK", "BD", "LK", "VN", "EG", "UA", "NG", "KE", "ID", "MY", "GE", "AM"}
# Languages spoken beside the national one (ISO 639-1), often by IT people there.
EXTRA_LANGUAGES = {
    "UA": ["ru", "pl", "de"], "BY": ["be", "pl"], "KZ": ["kk"], "GE": ["ru"], "AM": ["ru"],
    "MD": ["ru"], "IL": ["ru", "ar"], "CH": ["fr", "de"], "MA": ["fr"], "TN": ["fr"],
    "CA": ["fr"], "US": ["es"], "IN": ["hi"], "PK": ["pa"], "LK": ["ta"], "ZA": ["af", "zu"],
    "SG": ["zh", "ms"], "MY": ["zh", "ta"], "EE": ["ru", "fi"], "LV": ["ru"], "LT": ["ru", "pl"],
    "BR": ["es"], "PT": ["es", "fr"], "RO": ["fr", "it"], "ES": ["ca", "fr"], "HR": ["de", "it"],
    "RS": ["ru", "de"], "BG": ["ru", "de"], "CZ": ["de", "sk"], "SK": ["cs", "de", "hu"],
    "HU": ["de"], "PL": ["de"], "NL": ["de"], "SE": ["de"], "TR": ["de"], "EG": ["fr"],
    "KE": ["sw"], "NG": ["yo", "ha", "ig"], "GH": ["ak"], "PH": ["en"], "AR": ["it", "pt"],
    "UY": ["pt"], "MX": ["pt"], "CO": ["pt"], "JO": ["fr"], "DE": ["fr"], "FR": ["es", "de"],
    "IT": ["fr", "es"],
}  # fmt: skip

# --------------------------------------------------------------------------- names
NAMES: dict[str, tuple[list[str], list[str]]] = {
    "in": (["Aarav", "Priya", "Rohan", "Ananya", "Vikram", "Sneha", "Arjun", "Kavya", "Rahul",
            "Divya", "Siddharth", "Pooja", "Karthik", "Neha", "Aditya", "Lakshmi", "Manish",
            "Ishita"],
           ["Sharma", "Patel", "Iyer", "Reddy", "Nair", "Gupta", "Mehta", "Rao", "Kulkarni",
            "Menon", "Joshi", "Verma", "Banerjee", "Pillai", "Desai", "Chopra"]),
    "ua": (["Oleksandr", "Olena", "Andrii", "Iryna", "Dmytro", "Kateryna", "Serhii", "Yuliia",
            "Maksym", "Nataliia", "Bohdan", "Oksana", "Taras", "Viktoriia", "Artem", "Anastasiia"],
           ["Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk",
            "Boyko", "Moroz", "Lysenko", "Savchenko", "Rudenko", "Marchenko", "Polishchuk"]),
    "pl": (["Jakub", "Anna", "Piotr", "Katarzyna", "Tomasz", "Magdalena", "Michal", "Agnieszka",
            "Krzysztof", "Joanna", "Pawel", "Monika", "Lukasz", "Aleksandra"],
           ["Nowak", "Kowalski", "Wisniewski", "Wojcik", "Kaminski", "Lewandowski", "Zielinski",
            "Szymanski", "Wozniak", "Dabrowski", "Mazur", "Krawczyk"]),
    "ro": (["Andrei", "Ioana", "Mihai", "Elena", "Alexandru", "Maria", "Radu", "Cristina",
            "Vlad", "Andreea", "Stefan", "Ana", "Bogdan", "Diana"],
           ["Popescu", "Ionescu", "Popa", "Dumitru", "Stan", "Stoica", "Gheorghe", "Rusu",
            "Munteanu", "Constantin", "Marin", "Ciobanu"]),
    "ph": (["Juan", "Maria", "Jose", "Angelica", "Mark", "Kristine", "John Paul", "Joanna",
            "Carlo", "Patricia", "Rafael", "Camille", "Miguel", "Bea"],
           ["Santos", "Reyes", "Cruz", "Bautista", "Ocampo", "Garcia", "Mendoza", "Villanueva",
            "Dela Cruz", "Aquino", "Ramos", "Navarro"]),
    "vn": (["Minh", "Linh", "Huy", "Trang", "Duc", "Mai", "Tuan", "Ngoc", "Quang", "Thao",
            "Hieu", "Phuong", "Khanh", "Lan"],
           ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Phan", "Vu", "Dang", "Bui", "Do", "Ho",
            "Ngo"]),
    "br": (["Lucas", "Mariana", "Gabriel", "Juliana", "Rafael", "Beatriz", "Thiago", "Camila",
            "Felipe", "Larissa", "Bruno", "Fernanda", "Gustavo", "Leticia"],
           ["Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Rodrigues", "Almeida",
            "Nascimento", "Lima", "Araujo", "Carvalho", "Ribeiro"]),
    "pt": (["Joao", "Ines", "Tiago", "Catarina", "Miguel", "Beatriz", "Diogo", "Sofia", "Rui",
            "Marta", "Nuno", "Rita"],
           ["Ferreira", "Santos", "Pereira", "Costa", "Martins", "Sousa", "Rodrigues", "Fernandes",
            "Goncalves", "Lopes", "Marques", "Almeida"]),
    "es": (["Santiago", "Valentina", "Mateo", "Camila", "Sebastian", "Lucia", "Diego", "Martina",
            "Nicolas", "Sofia", "Alejandro", "Daniela", "Javier", "Paula", "Andres", "Carolina",
            "Pablo", "Florencia"],
           ["Garcia", "Rodriguez", "Martinez", "Lopez", "Gonzalez", "Fernandez", "Perez",
            "Sanchez", "Ramirez", "Torres", "Romero", "Alvarez", "Castro", "Vargas", "Morales",
            "Herrera", "Rojas"]),
    "pk": (["Ali", "Ayesha", "Hamza", "Fatima", "Usman", "Sana", "Bilal", "Hira", "Imran",
            "Nadia", "Tariq", "Zainab", "Farhan", "Rabia", "Rafiq", "Tahmina"],
           ["Khan", "Ahmed", "Hussain", "Malik", "Chaudhry", "Qureshi", "Siddiqui", "Rahman",
            "Hossain", "Islam", "Sheikh", "Butt", "Mirza"]),
    "ar": (["Omar", "Nour", "Youssef", "Mariam", "Karim", "Salma", "Ahmed", "Yasmine", "Mahmoud",
            "Rania", "Hassan", "Layla", "Mehdi", "Amina"],
           ["Hassan", "Ibrahim", "Mansour", "El Sayed", "Benali", "Haddad", "Khalil", "Mostafa",
            "Saleh", "Tahir", "Bennani", "Nasser"]),
    "ng": (["Chinedu", "Ngozi", "Oluwaseun", "Aisha", "Emeka", "Funmilayo", "Tunde", "Amara",
            "Kwame", "Abena", "Ifeanyi", "Adaeze", "Kofi", "Yetunde"],
           ["Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Mensah", "Nwosu", "Adebayo",
            "Asante", "Ogunleye", "Boateng", "Obi"]),
    "ke": (["Brian", "Faith", "Kevin", "Mercy", "Dennis", "Wanjiru", "Collins", "Achieng",
            "Victor", "Njeri", "Ian", "Atieno"],
           ["Otieno", "Kamau", "Mwangi", "Odhiambo", "Wanjiku", "Kiprop", "Njoroge", "Ochieng",
            "Mutua", "Chebet", "Kariuki"]),
    "rs": (["Nikola", "Jelena", "Marko", "Milica", "Stefan", "Ana", "Luka", "Ivana", "Filip",
            "Marija", "Nemanja", "Tamara"],
           ["Jovanovic", "Petrovic", "Nikolic", "Markovic", "Horvat", "Kovacevic", "Ilic",
            "Babic", "Pavlovic", "Novak", "Djordjevic", "Stojanovic"]),
    "bg": (["Georgi", "Maria", "Ivan", "Elena", "Dimitar", "Yana", "Nikolay", "Desislava",
            "Martin", "Teodora", "Hristo", "Gergana"],
           ["Ivanov", "Georgieva", "Dimitrov", "Petrova", "Nikolov", "Todorova", "Stoyanov",
            "Angelova", "Kolev", "Marinova"]),
    "cz": (["Jan", "Tereza", "Tomas", "Lucie", "Martin", "Katerina", "Petr", "Eva", "Jakub",
            "Zuzana", "Lukas", "Veronika"],
           ["Novak", "Svoboda", "Dvorak", "Cerny", "Prochazka", "Kucera", "Horak", "Nemec",
            "Kovac", "Urban", "Blaha"]),
    "ee": (["Martin", "Kadri", "Rasmus", "Liis", "Karl", "Kristiina", "Marten", "Triin"],
           ["Tamm", "Saar", "Sepp", "Magi", "Kask", "Kukk", "Rebane", "Ilves"]),
    "lt": (["Lukas", "Gabija", "Mantas", "Ieva", "Tomas", "Rugile", "Dovydas", "Egle"],
           ["Kazlauskas", "Petrauskas", "Jankauskas", "Stankevicius", "Vasiliauskas", "Zukauskas",
            "Butkus", "Paulauskas"]),
    "lv": (["Janis", "Anna", "Martins", "Liga", "Kristaps", "Ilze", "Edgars", "Laura"],
           ["Berzins", "Kalnins", "Ozolins", "Jansons", "Liepa", "Krumins", "Vitols", "Zarins"]),
    "ge": (["Giorgi", "Nino", "Davit", "Mariam", "Luka", "Tamar", "Levan", "Ana", "Irakli",
            "Salome"],
           ["Beridze", "Kapanadze", "Gelashvili", "Maisuradze", "Lomidze", "Tsiklauri",
            "Mamaladze", "Kvaratskhelia"]),
    "am": (["Aram", "Ani", "Narek", "Lilit", "Tigran", "Anahit", "Davit", "Mariam", "Armen",
            "Gayane"],
           ["Petrosyan", "Hovhannisyan", "Sargsyan", "Harutyunyan", "Grigoryan", "Khachatryan",
            "Avetisyan", "Karapetyan"]),
    "tr": (["Emre", "Elif", "Mehmet", "Zeynep", "Burak", "Ayse", "Can", "Selin", "Mert", "Ece",
            "Kerem", "Deniz"],
           ["Yilmaz", "Kaya", "Demir", "Sahin", "Celik", "Yildiz", "Aydin", "Ozturk", "Arslan",
            "Dogan", "Kilic"]),
    "lk": (["Nuwan", "Dilani", "Kasun", "Chamari", "Tharindu", "Nadeesha", "Ruwan", "Ishara",
            "Pradeep", "Sanduni"],
           ["Perera", "Fernando", "Silva", "Jayasinghe", "Wickramasinghe", "Bandara",
            "Gunawardena", "Dissanayake", "Rajapaksa"]),
    "id": (["Budi", "Siti", "Agus", "Dewi", "Rizky", "Putri", "Andi", "Ayu", "Fajar", "Rina"],
           ["Santoso", "Wijaya", "Pratama", "Hidayat", "Saputra", "Kurniawan", "Setiawan",
            "Nugroho", "Halim", "Gunawan"]),
    "my": (["Ahmad", "Nurul", "Wei Jie", "Mei Ling", "Arif", "Siti Aisyah", "Jason", "Priya",
            "Hafiz", "Shu Fen"],
           ["Abdullah", "Tan", "Lim", "Ismail", "Wong", "Rahman", "Lee", "Ng", "Othman",
            "Subramaniam"]),
    "cn": (["Wei", "Li Na", "Hao", "Xiaoling", "Jun", "Mei", "Chen", "Yan", "Zhiwei", "Jing",
            "Kai", "Ling"],
           ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Tan",
            "Lim"]),
    "anglo": (["James", "Emily", "Michael", "Sarah", "David", "Jessica", "Daniel", "Hannah",
               "Matthew", "Olivia", "Ryan", "Chloe", "Liam", "Grace", "Ethan", "Megan", "Connor",
               "Aoife"],
              ["Smith", "Johnson", "Williams", "Brown", "Taylor", "Wilson", "Anderson", "Thompson",
               "Walker", "Murphy", "Campbell", "O'Brien", "Mitchell", "Clarke", "Hughes",
               "Robinson", "Kelly", "Cooper"]),
    "de": (["Lukas", "Anna", "Felix", "Lena", "Jonas", "Sophie", "Maximilian", "Laura",
            "Tobias", "Julia", "Florian", "Katharina"],
           ["Muller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
            "Hoffmann", "Koch", "Richter", "Wolf"]),
    "nl": (["Daan", "Sanne", "Bram", "Lotte", "Thijs", "Femke", "Ruben", "Eva", "Jeroen", "Iris"],
           ["de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer",
            "de Boer", "Mulder"]),
    "se": (["Erik", "Emma", "Oskar", "Maja", "Johan", "Elin", "Anders", "Sara"],
           ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Lindqvist",
            "Berg"]),
    "fr": (["Thomas", "Camille", "Julien", "Manon", "Antoine", "Chloe", "Maxime", "Lea", "Hugo",
            "Claire"],
           ["Martin", "Bernard", "Dubois", "Durand", "Lefebvre", "Moreau", "Laurent", "Girard",
            "Roux", "Fournier"]),
    "it": (["Luca", "Giulia", "Marco", "Francesca", "Matteo", "Chiara", "Alessandro", "Sara",
            "Davide", "Elena"],
           ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
            "Marino", "Greco"]),
    "hu": (["Bence", "Anna", "Mate", "Eszter", "Gergely", "Reka", "Balazs", "Zsofia", "Adam",
            "Nora"],
           ["Nagy", "Kovacs", "Toth", "Szabo", "Horvath", "Varga", "Kiss", "Molnar", "Nemeth",
            "Farkas"]),
    "kz": (["Nurlan", "Aigerim", "Daniyar", "Dana", "Yerlan", "Aruzhan", "Askar", "Madina"],
           ["Nurlanov", "Abenova", "Seitkali", "Zhakupova", "Bekov", "Tulegenova", "Ospanov",
            "Kassymova"]),
    "il": (["Noam", "Yael", "Itai", "Noa", "Amit", "Maya", "Omer", "Tamar", "Eitan", "Shira"],
           ["Cohen", "Levi", "Mizrahi", "Peretz", "Biton", "Friedman", "Avraham", "Shapiro",
            "Katz", "Goldberg"]),
    "za": (["Thabo", "Lerato", "Sipho", "Naledi", "Pieter", "Annelie", "Jason", "Zanele",
            "Ruan", "Ayanda"],
           ["Nkosi", "Dlamini", "van der Merwe", "Botha", "Naidoo", "Mokoena", "Pillay",
            "Khumalo", "du Plessis", "Ndlovu"]),
    "th": (["Somchai", "Nattaya", "Krit", "Siriporn", "Anan", "Pimchanok", "Thanawat",
            "Kanokwan"],
           ["Srisuk", "Wongsawat", "Chaiyaporn", "Boonmee", "Rattanakorn", "Suwannarat",
            "Thongchai", "Kittisak"]),
}  # fmt: skip
NAME_GROUP_OVERRIDE = {"BR": "br", "PT": "pt", "BD": "pk"}

AGENCY_WORDS_A = [
    "Pixel", "Bright", "Blue", "North", "Iron", "Swift", "Clear", "Silver", "Nimble", "Quantum",
    "Urban", "Red", "Green", "Cloud", "Code", "Byte", "Vector", "Polar", "Solid", "Prime",
    "Atlas", "Lumen", "Nova", "Orbit", "Delta", "Apex", "Cedar", "Amber", "Copper", "Granite",
    "Stellar", "Beacon", "Summit", "Harbor", "Falcon", "Maple", "Tidal", "Hexa", "Logic", "Zen",
    "Kite", "Signal", "Magnet", "Rocket", "Spark", "Onyx", "Cobalt", "Fusion", "Vertex", "Echo",
]  # fmt: skip
AGENCY_WORDS_B = [
    "Labs", "Soft", "Works", "Digital", "Systems", "Studio", "Tech", "Solutions", "Dev",
    "Software", "Code", "Apps", "Consulting", "Engineering", "Group", "Forge", "Logic",
    "Partners", "Factory", "Hub",
]  # fmt: skip

# --------------------------------------------------------------------------- stacks
# name: (role, core tags, optional tags, product types, industries, weight)
STACKS: dict[str, tuple[str, list[str], list[str], list[str], list[str], float]] = {
    "react-frontend": ("front-end developer", ["javascript", "typescript", "react"],
                       ["next-js", "redux", "tailwind-css", "css", "html", "jest", "storybook",
                        "graphql", "vite", "material-ui", "cypress", "figma"],
                       ["single-page web apps", "dashboards", "customer portals"],
                       ["saas", "fintech", "media"], 9),
    "mern": ("full-stack JavaScript developer", ["javascript", "react", "node-js", "mongodb"],
             ["express", "typescript", "aws", "docker", "redux", "rest-api", "jest", "heroku"],
             ["web platforms", "MVPs", "marketplaces"], ["startups", "e-commerce", "edtech"], 8),
    "ts-fullstack": ("full-stack TypeScript engineer",
                     ["typescript", "react", "node-js", "postgresql"],
                     ["nestjs", "next-js", "aws", "docker", "graphql", "prisma", "redis",
                      "github-actions", "jest", "playwright"],
                     ["SaaS products", "B2B platforms", "internal tools"],
                     ["saas", "fintech", "logistics"], 9),
    "vue-laravel": ("PHP and Vue.js developer", ["php", "laravel", "vue-js", "mysql"],
                    ["javascript", "tailwind-css", "redis", "docker", "rest-api", "nuxt-js",
                     "aws", "pinia"],
                    ["web applications", "admin panels", "booking systems"],
                    ["real estate", "travel", "e-commerce"], 6),
    "angular-dotnet": (".NET and Angular engineer",
                       ["c-sharp", "dot-net", "asp-net-core", "angular"],
                       ["microsoft-sql-server", "azure", "typescript", "entity-framework",
                        "azure-devops", "rxjs", "blazor", "docker", "microservices"],
                       ["enterprise web apps", "line-of-business systems", "portals"],
                       ["insurance", "banking", "manufacturing"], 7),
    "java-enterprise": ("Java engineer", ["java", "spring-boot", "postgresql"],
                        ["hibernate", "microservices", "kubernetes", "apache-kafka", "aws",
                         "docker", "angular", "oracle-database", "maven", "junit", "react",
                         "redis"],
                        ["backend platforms", "payment systems", "integration layers"],
                        ["banking", "telecom", "insurance"], 8),
    "python-web": ("Python developer", ["python", "django", "postgresql"],
                   ["celery", "redis", "aws", "docker", "react", "rest-api", "fastapi",
                    "pytest", "htmx", "vue-js"],
                   ["web platforms", "APIs", "back-office systems"],
                   ["healthcare", "edtech", "logistics"], 8),
    "python-api": ("Python backend engineer", ["python", "fastapi", "postgresql"],
                   ["pydantic", "sqlalchemy", "docker", "aws", "redis", "celery", "kubernetes",
                    "pytest", "microservices"],
                   ["APIs", "data services", "microservices"], ["fintech", "saas", "healthcare"],
                   4),
    "ruby": ("Ruby on Rails developer", ["ruby", "ruby-on-rails", "postgresql"],
             ["react", "heroku", "redis", "rspec", "aws", "javascript", "docker"],
             ["SaaS products", "marketplaces", "MVPs"], ["startups", "saas", "e-commerce"], 3),
    "go-backend": ("Go backend engineer", ["go", "postgresql", "docker"],
                   ["kubernetes", "grpc", "microservices", "aws", "redis", "apache-kafka", "gin",
                    "google-cloud", "prometheus"],
                   ["high-load backends", "APIs", "streaming services"],
                   ["fintech", "adtech", "telecom"], 4),
    "ios-native": ("iOS developer", ["swift", "ios", "swiftui"],
                   ["uikit", "objective-c", "xcode", "firebase", "xctest", "in-app-purchases",
                    "arkit", "watchos", "rest-api"],
                   ["iPhone apps", "consumer apps", "wellness apps"],
                   ["healthcare", "fitness", "media"], 5),
    "android-native": ("Android developer", ["kotlin", "android", "jetpack-compose"],
                       ["java", "firebase", "espresso", "gradle", "wear-os", "rest-api",
                        "in-app-purchases"],
                       ["Android apps", "consumer apps", "field-service apps"],
                       ["retail", "logistics", "fintech"], 5),
    "flutter": ("Flutter developer", ["flutter", "dart", "firebase"],
                ["ios", "android", "mobile-app-development", "rest-api", "google-cloud",
                 "app-store-optimization"],
                ["cross-platform mobile apps", "MVPs", "delivery apps"],
                ["startups", "food delivery", "fintech"], 6),
    "react-native": ("React Native developer", ["react-native", "javascript", "typescript"],
                     ["expo", "redux", "firebase", "ios", "android", "node-js", "graphql",
                      "mobile-app-development"],
                     ["cross-platform mobile apps", "consumer apps", "companion apps"],
                     ["healthcare", "social", "e-commerce"], 6),
    "devops-aws": ("DevOps engineer", ["aws", "terraform", "kubernetes", "docker"],
                   ["ci-cd", "github-actions", "helm", "prometheus", "grafana", "linux",
                    "ansible", "bash", "argo-cd", "amazon-eks", "aws-lambda", "python", "go"],
                   ["cloud infrastructure", "CI/CD pipelines", "Kubernetes platforms"],
                   ["saas", "fintech", "media"], 6),
    "devops-azure": ("Azure cloud engineer", ["azure", "azure-devops", "terraform", "docker"],
                     ["kubernetes", "powershell", "azure-functions", "ci-cd", "dot-net",
                      "monitoring", "cloud-migration"],
                     ["cloud migrations", "release pipelines", "landing zones"],
                     ["manufacturing", "public sector", "insurance"], 3),
    "devops-gcp": ("Google Cloud engineer", ["google-cloud", "kubernetes", "terraform"],
                   ["google-kubernetes-engine", "docker", "bigquery", "ci-cd", "go", "python",
                    "helm", "serverless"],
                   ["cloud platforms", "data platforms", "migrations"],
                   ["retail", "media", "saas"], 2),
    "data-eng": ("data engineer", ["python", "sql", "apache-spark", "apache-airflow"],
                 ["dbt", "snowflake", "databricks", "aws", "apache-kafka", "bigquery", "etl",
                  "data-engineering", "amazon-redshift", "scala"],
                 ["data pipelines", "data warehouses", "lakehouses"],
                 ["retail", "fintech", "logistics"], 4),
    "ml": ("machine learning engineer", ["python", "machine-learning", "scikit-learn", "pandas"],
           ["pytorch", "tensorflow", "numpy", "mlops", "computer-vision", "deep-learning",
            "jupyter", "xgboost", "time-series-forecasting", "recommender-systems", "mlflow",
            "natural-language-processing"],
           ["forecasting models", "recommendation engines", "computer-vision pipelines"],
           ["retail", "healthcare", "manufacturing"], 5),
    "genai": ("AI engineer", ["python", "llm", "generative-ai", "langchain"],
              ["openai-api", "rag", "vector-databases", "fastapi", "hugging-face",
               "prompt-engineering", "ai-agents", "llamaindex", "natural-language-processing",
               "pytorch"],
              ["AI assistants", "RAG chatbots", "document-processing pipelines"],
              ["legal tech", "saas", "customer support"], 5),
    "bi": ("BI analyst", ["sql", "power-bi", "data-analysis"],
           ["tableau", "microsoft-excel", "business-intelligence", "looker",
            "data-visualization", "snowflake", "python", "etl"],
           ["executive dashboards", "reporting suites", "KPI models"],
           ["retail", "manufacturing", "healthcare"], 3),
    "product-design": ("product designer", ["figma", "ui-design", "ux-design"],
                       ["prototyping", "wireframing", "design-systems", "user-research",
                        "adobe-photoshop", "web-design", "accessibility", "framer",
                        "interaction-design", "product-design"],
                       ["app redesigns", "design systems", "clickable prototypes"],
                       ["saas", "fintech", "healthcare"], 6),
    "graphic-design": ("graphic designer",
                       ["graphic-design", "adobe-illustrator", "adobe-photoshop", "branding"],
                       ["logo-design", "illustration", "adobe-indesign", "motion-design",
                        "adobe-after-effects", "canva", "figma"],
                       ["brand identities", "marketing assets", "packaging"],
                       ["retail", "hospitality", "consumer brands"], 3),
    "qa-auto": ("QA automation engineer",
                ["quality-assurance", "test-automation", "selenium"],
                ["cypress", "playwright", "java", "python", "jmeter", "postman", "appium",
                 "cucumber", "manual-testing", "testng", "ci-cd", "load-testing"],
                ["test automation frameworks", "regression suites", "load tests"],
                ["fintech", "e-commerce", "telecom"], 5),
    "qa-manual": ("QA engineer", ["quality-assurance", "manual-testing", "jira"],
                  ["testrail", "postman", "appium", "browserstack", "sql", "agile"],
                  ["release testing", "mobile app testing", "UAT programmes"],
                  ["e-commerce", "media", "edtech"], 3),
    "security": ("security engineer",
                 ["penetration-testing", "application-security", "owasp"],
                 ["burp-suite", "kali-linux", "metasploit", "vulnerability-assessment",
                  "cloud-security", "iso-27001-compliance", "soc-2-compliance", "devsecops",
                  "threat-modeling", "security-audit", "python", "network-security"],
                 ["penetration tests", "security audits", "compliance programmes"],
                 ["fintech", "healthcare", "saas"], 3),
    "shopify": ("Shopify developer", ["shopify", "shopify-liquid", "e-commerce-development"],
                ["javascript", "klaviyo", "seo", "google-analytics",
                 "conversion-rate-optimization", "headless-commerce", "next-js", "stripe",
                 "css"],
                ["Shopify stores", "theme customisations", "headless storefronts"],
                ["fashion", "beauty", "consumer brands"], 4),
    "woocommerce": ("WordPress and WooCommerce developer", ["wordpress", "woocommerce", "php"],
                    ["elementor", "seo", "javascript", "stripe", "mysql", "css", "paypal",
                     "web-design"],
                    ["online stores", "company websites", "membership sites"],
                    ["retail", "non-profits", "hospitality"], 5),
    "magento": ("Magento developer", ["magento", "php", "e-commerce-development", "mysql"],
                ["javascript", "elasticsearch", "redis", "payment-gateway-integration",
                 "docker", "pim", "aws"],
                ["B2B web shops", "multi-store platforms", "ERP integrations"],
                ["wholesale", "retail", "manufacturing"], 2),
    "wordpress": ("web developer", ["wordpress", "php", "web-design", "css"],
                  ["elementor", "seo", "javascript", "html", "google-analytics", "webflow",
                   "accessibility"],
                  ["company websites", "landing pages", "content sites"],
                  ["professional services", "non-profits", "media"], 4),
    "unity-games": ("Unity game developer", ["unity", "c-sharp", "game-development"],
                    ["game-design", "multiplayer-networking", "shader-programming",
                     "virtual-reality", "augmented-reality", "playfab", "3d-modeling",
                     "game-art", "game-monetization", "level-design"],
                    ["mobile games", "VR experiences", "casual games"],
                    ["gaming", "education", "entertainment"], 4),
    "unreal-games": ("Unreal Engine developer",
                     ["unreal-engine", "c-plus-plus", "game-development"],
                     ["game-design", "multiplayer-networking", "shader-programming",
                      "virtual-reality", "3d-modeling", "level-design", "directx"],
                     ["PC and console games", "real-time visualisations", "VR training"],
                     ["gaming", "architecture", "automotive"], 2),
    "blockchain": ("blockchain developer", ["solidity", "ethereum", "smart-contracts"],
                   ["web3", "hardhat", "ethers-js", "defi", "nft", "typescript", "react",
                    "solana", "rust", "polygon", "ipfs"],
                   ["smart-contract systems", "dApps", "token platforms"],
                   ["defi", "fintech", "gaming"], 2),
    "embedded": ("embedded engineer",
                 ["c", "c-plus-plus", "embedded-systems", "firmware-development"],
                 ["rtos", "stm32", "esp32", "iot", "mqtt", "embedded-linux", "pcb-design",
                  "bluetooth-low-energy", "python", "microcontrollers"],
                 ["connected devices", "firmware", "IoT gateways"],
                 ["medical devices", "automotive", "smart home"], 3),
    "salesforce": ("Salesforce developer", ["salesforce", "apex", "lightning-web-components"],
                   ["crm-implementation", "javascript", "salesforce-commerce-cloud", "sql",
                    "rest-api", "hubspot"],
                   ["CRM implementations", "sales automation", "customer portals"],
                   ["insurance", "real estate", "b2b services"], 3),
    "dynamics": ("Dynamics 365 consultant", ["microsoft-dynamics-365", "power-platform"],
                 ["c-sharp", "sharepoint", "azure", "power-bi", "crm-implementation",
                  "microsoft-365"],
                 ["CRM roll-outs", "workflow automation", "ERP integrations"],
                 ["public sector", "manufacturing", "professional services"], 2),
    "sap": ("SAP consultant", ["sap", "abap", "sap-s4hana"],
            ["sap-fiori", "erp-implementation", "sql", "sap-commerce-cloud"],
            ["S/4HANA migrations", "ERP extensions", "finance modules"],
            ["manufacturing", "retail", "energy"], 2),
    "odoo": ("Odoo developer", ["odoo", "python", "erp-implementation"],
             ["postgresql", "javascript", "e-commerce-development", "docker"],
             ["ERP roll-outs", "inventory systems", "custom modules"],
             ["wholesale", "manufacturing", "retail"], 2),
    "pm": ("product manager", ["product-management", "agile", "scrum", "jira"],
           ["business-analysis", "mvp-development", "confluence", "project-management",
            "product-strategy", "kanban", "technical-writing"],
           ["product roadmaps", "discovery workshops", "delivery management"],
           ["saas", "fintech", "healthcare"], 2),
    "it-support": ("IT support engineer", ["it-support", "system-administration", "microsoft-365"],
                   ["active-directory", "windows-server", "network-administration", "linux",
                    "google-workspace", "powershell", "vmware"],
                   ["managed IT services", "helpdesk operations", "office networks"],
                   ["professional services", "healthcare", "education"], 2),
    "iot-cloud": ("IoT engineer", ["iot", "mqtt", "python"],
                  ["aws", "esp32", "raspberry-pi", "node-js", "influxdb", "grafana", "docker",
                   "embedded-systems", "bluetooth-low-energy"],
                  ["IoT dashboards", "sensor networks", "device fleets"],
                  ["agritech", "energy", "smart buildings"], 2),
}  # fmt: skip

INDUSTRY_HIPAA = {"healthcare", "medical devices", "fitness"}
INDUSTRY_PCI = {"fintech", "banking", "e-commerce", "retail", "defi", "insurance"}

CLIENT_SCOPE = [
    "mostly in the US and Western Europe",
    "across Europe",
    "from seed startups to enterprises",
    "on long-term dedicated teams",
    "on fixed-price and time-and-materials engagements",
]
PORTFOLIO_CLIENTS = [
    "a Series A startup", "a European retailer", "a US healthcare provider", "a logistics company",
    "a national bank", "a media group", "an insurance broker", "a university",
    "a fashion brand", "a travel agency", "a SaaS scale-up", "a manufacturing group",
    "a non-profit", "a food-delivery startup", "a real-estate platform", "a telecom operator",
]  # fmt: skip


def money(x: float, step: float = 1.0) -> str:
    """Round to ``step`` and format with two decimals."""
    v = round(x / step) * step
    return str(Decimal(repr(v)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def slugify(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")
    return s


def load_taxonomy() -> dict[str, dict]:
    tags = {}
    for path in sorted((SEEDS_DIR / "taxonomy").glob("*.json")):
        tags.update({t["slug"]: t for t in json.loads(path.read_text(encoding="utf-8"))["tags"]})
    return tags


def load_fx() -> dict[str, float]:
    data = json.loads((SEEDS_DIR / "fx_rates.json").read_text(encoding="utf-8"))
    return {k: float(v) for k, v in data["rates"].items()}


def country_name(code: str) -> str:
    return Locale("en").territories[code]


def local_currency(code: str) -> str:
    return babel.numbers.get_territory_currencies(code, start_date=AS_OF)[0]


def country_languages(code: str) -> list[tuple[str, float]]:
    """ISO 639-1 languages with official status in ``code`` (babel/CLDR), by population."""
    info = babel.core.get_global("territory_languages").get(code, {})
    out: dict[str, float] = {}
    for lang, meta in info.items():
        base = lang.split("_")[0]
        base = {"fil": "tl"}.get(base, base)
        if len(base) != 2 or pycountry.languages.get(alpha_2=base) is None:
            continue
        if meta.get("official_status") not in ("official", "de_facto_official",
                                                "official_regional"):  # fmt: skip
            continue
        out[base] = max(out.get(base, 0.0), meta["population_percent"])
    return sorted(out.items(), key=lambda kv: (-kv[1], kv[0]))


def city_zone(code: str, city: str) -> tuple[str, str]:
    if "@" in city:
        name, zone = city.split("@")
        return name, zone
    zones = babel.core.get_global("territory_zones")[code]
    return city, zones[0]


def weighted(rng: random.Random, items: list, weights: list[float]):
    return rng.choices(items, weights=weights, k=1)[0]


def us_hours_local(zone: str, start_utc_hour: int, length: int) -> tuple[str, str]:
    """Local working hours for a shift starting at ``start_utc_hour`` UTC (night shifts)."""
    ref = dt.datetime(2026, 3, 2, start_utc_hour, tzinfo=dt.UTC).astimezone(ZoneInfo(zone))
    end = ref + dt.timedelta(hours=length)
    return ref.strftime("%H:00"), end.strftime("%H:00")


# --------------------------------------------------------------------------- vendors
def _english_level(rng: random.Random, level: float) -> str:
    x = level + rng.gauss(0, 0.18)
    if x > 0.75:
        return "FLUENT"
    if x > 0.45:
        return "CONVERSATIONAL" if rng.random() < 0.5 else "FLUENT"
    if x > 0.2:
        return "CONVERSATIONAL"
    return "BASIC"


def _languages(rng: random.Random, code: str, english: float) -> list[dict]:
    langs = country_languages(code)
    natives = [lang for lang, pct in langs if lang != "en" or english >= 0.95]
    if code in ("PH", "NG", "GH", "KE", "IN", "SG", "ZA") and not natives:
        natives = ["en"]
    if not natives:
        natives = [langs[0][0]] if langs else ["en"]
    weights = [max(pct, 1.0) for lang, pct in langs if lang in natives]
    native = weighted(rng, natives, weights) if len(weights) == len(natives) else natives[0]
    out = [{"code": native, "proficiency": "NATIVE"}]
    if native != "en":
        prof = _english_level(rng, english)
        if code in ("NG", "GH", "KE", "PH", "SG", "ZA", "IN") and rng.random() < 0.35:
            prof = "NATIVE" if code in ("NG", "SG", "ZA") else "FLUENT"
        out.append({"code": "en", "proficiency": prof})
    extras = [lang for lang in EXTRA_LANGUAGES.get(code, []) if lang not in (native, "en")]
    for lang in extras:
        if rng.random() < 0.3:
            prof = weighted(rng, ["FLUENT", "CONVERSATIONAL", "BASIC"], [3, 4, 3])
            out.append({"code": lang, "proficiency": prof})
    if code in EU and rng.random() < 0.12:
        lang = rng.choice(["de", "fr", "es", "it"])
        if all(x["code"] != lang for x in out):
            out.append({"code": lang, "proficiency": rng.choice(["CONVERSATIONAL", "BASIC"])})
    return out


def _pick_stack_tags(rng: random.Random, stack: str, n_opt: int) -> list[str]:
    _, core, opt, *_ = STACKS[stack]
    opt = [t for t in opt if t in TAXONOMY]
    n_opt = max(n_opt, 3 - len(core))
    return core + rng.sample(opt, min(n_opt, len(opt)))


def _skills_phrase(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _agency_name(
    rng: random.Random, city: str, used: set[str], endings: list[str] | None = None
) -> str:
    for _ in range(50):
        style = rng.random()
        a, b = rng.choice(AGENCY_WORDS_A), rng.choice(endings or AGENCY_WORDS_B)
        if style < 0.45:
            name = f"{a}{b.lower() if rng.random() < 0.3 else ' ' + b}"
        elif style < 0.7:
            name = f"{city.split()[0]} {a} {b}"
        elif style < 0.85:
            c = rng.choice(AGENCY_WORDS_A)
            name = f"{a}{c.lower()} {b}"
        else:
            name = f"{a} & {rng.choice(AGENCY_WORDS_A)} {b}"
        if slugify(name) not in used:
            return name
    return f"{name} {rng.randint(2, 99)}"


def _pricing(
    rng: random.Random, code: str, kind: str, team_size: int, usd_mid: float
) -> tuple[dict, dict, float]:
    """Hourly rate and minimum project in the vendor's currency, and the mean USD rate.

    ``usd_mid`` is the rate the vendor's country, seniority and quality suggest.
    """
    mid = usd_mid * rng.uniform(0.85, 1.15)
    lo, hi = mid * rng.uniform(0.8, 0.95), mid * rng.uniform(1.05, 1.3)
    local = local_currency(code)
    if local == "EUR":
        currency = "EUR" if rng.random() < 0.75 else "USD"
    elif local in ("GBP", "AUD", "CAD", "NZD", "SGD", "CHF"):
        currency = local if rng.random() < 0.8 else "USD"
    elif local == "USD":
        currency = "USD"
    elif local in ("PLN", "INR", "CZK", "RON", "HUF", "SEK", "ILS", "TRY", "ZAR", "BRL") and (
        rng.random() < 0.15
    ):
        currency = local
    else:
        currency = "USD"
    fx = FX[currency]
    step = 1.0 if fx < 20 else (10.0 if fx < 500 else 100.0)
    rate_min, rate_max = money(lo * fx, step), money(hi * fx, step)
    if Decimal(rate_max) < Decimal(rate_min):
        rate_max = rate_min
    min_budget_usd = (
        rng.choice([500, 1000, 2000, 3000, 5000]) if kind == "FREELANCER"
        else rng.choice([2000, 5000, 10000, 10000, 15000, 25000, 50000]) * (
            1 if team_size < 50 else 2)
    )  # fmt: skip
    min_budget = money(min_budget_usd * fx, 100.0 if fx < 20 else 10000.0)
    return (
        {"min": rate_min, "max": rate_max, "currency": currency},
        {"amount": min_budget, "currency": currency},
        (lo + hi) / 2,
    )


def _working_hours(rng: random.Random, code: str, zone: str) -> tuple[str, str]:
    """Local office hours; some offshore vendors keep a night shift for US clients."""
    if code in OFFSHORE and rng.random() < 0.17:
        return us_hours_local(zone, rng.choice([13, 14]), 9)
    start, end = weighted(
        rng,
        [("09:00", "18:00"), ("09:00", "17:00"), ("08:00", "17:00"), ("10:00", "19:00"),
         ("10:00", "18:00"), ("08:30", "17:30"), ("11:00", "20:00"), ("07:00", "16:00")],
        [30, 20, 14, 10, 10, 8, 4, 4],
    )  # fmt: skip
    return start, end


def _identity(
    rng: random.Random,
    kind: str,
    code: str,
    city: str,
    used_slugs: set[str],
    endings: list[str] | None = None,
) -> tuple[str, str]:
    """A name (an agency's brand, ending in one of ``endings``, or a person's) and a slug
    no other vendor has."""
    group = COUNTRIES[code][3]
    if kind == "AGENCY":
        name = _agency_name(rng, city, used_slugs, endings)
    else:
        firsts, lasts = NAMES[NAME_GROUP_OVERRIDE.get(code, group)]
        name = f"{rng.choice(firsts)} {rng.choice(lasts)}"
    slug = base_slug = slugify(name)
    n = 2
    while slug in used_slugs:
        slug = f"{base_slug}-{n}"
        n += 1
    used_slugs.add(slug)
    return name, slug


def _certifications(
    rng: random.Random, code: str, kind: str, quality: float, inds: list[str]
) -> list[str]:
    certs: list[str] = []
    p_agency = 1.0 if kind == "AGENCY" else 0.25
    if code in EU and rng.random() < 0.7 * p_agency + 0.1:
        certs.append("GDPR_DPA")
    if rng.random() < 0.22 * p_agency * (0.5 + quality):
        certs.append("ISO_27001")
    if rng.random() < 0.12 * p_agency * (0.5 + quality):
        certs.append("SOC_2")
    if set(inds) & INDUSTRY_HIPAA and rng.random() < 0.5 * p_agency:
        certs.append("HIPAA")
    if set(inds) & INDUSTRY_PCI and rng.random() < 0.25 * p_agency:
        certs.append("PCI_DSS")
    if rng.random() < 0.15 * p_agency:
        certs.append("ISO_9001")
    return [c for c in CERTIFICATIONS if c in certs]


TAXONOMY: dict[str, dict] = {}


def make_vendor(rng: random.Random, idx: int, code: str, used_slugs: set[str]) -> dict:
    _weight, base_rate, english, _group, cities = COUNTRIES[code]
    city_raw = rng.choice(cities)
    city, zone = city_zone(code, city_raw)
    kind = "AGENCY" if rng.random() < 0.45 else "FREELANCER"
    quality = min(1.0, max(0.0, rng.betavariate(4, 2.2)))
    seniority = rng.betavariate(2, 2)  # 0 junior .. 1 principal
    stacks = list(STACKS)
    sweights = [STACKS[s][5] for s in stacks]
    main = weighted(rng, stacks, sweights)
    if kind == "AGENCY":
        team_size = int(min(500, max(2, round(math.exp(rng.gauss(3.0, 1.1))))))
        n_stacks = 1 if team_size < 8 else rng.choice([1, 2, 2, 3])
        chosen = [main]
        while len(chosen) < n_stacks:
            s = weighted(rng, stacks, sweights)
            if s not in chosen:
                chosen.append(s)
        tags: list[str] = []
        for i, s in enumerate(chosen):
            for t in _pick_stack_tags(rng, s, rng.randint(1, 4) if i == 0 else 0):
                if t not in tags:
                    tags.append(t)
        tags = tags[:12]
        years_cap = 15
    else:
        team_size = 1
        chosen = [main]
        tags = _pick_stack_tags(rng, main, rng.randint(0, 4))[:9]
        years_cap = max(2, int(2 + seniority * 13))
    tags = [t for t in tags if t in TAXONOMY]
    expertise = []
    for j, t in enumerate(tags):
        yrs = max(1, min(years_cap, round(years_cap * rng.uniform(0.35, 1.0) - j * 0.3)))
        expertise.append({"tag": t, "years": yrs})

    mult = 0.7 + 0.6 * seniority + 0.35 * quality + (0.1 if kind == "AGENCY" else -0.05)
    rate, min_budget, usd_rate = _pricing(rng, code, kind, team_size, base_rate * mult)
    start, end = _working_hours(rng, code, zone)
    name, slug = _identity(rng, kind, code, city, used_slugs)

    role, _core, _opt, products, industries, _w = STACKS[main]
    tag_names = [TAXONOMY[e["tag"]]["name"] for e in expertise]
    inds = list(industries)
    for s in chosen[1:]:
        inds += [i for i in STACKS[s][4] if i not in inds]
    inds = rng.sample(inds, min(len(inds), rng.randint(2, 3)))
    country = country_name(code)
    years_total = max(e["years"] for e in expertise)
    if kind == "AGENCY":
        founded = rng.randint(max(1995, 2026 - 4 - int(team_size**0.5) * 3), 2024)
        word = weighted(
            rng,
            ["software development company", "digital agency", "engineering studio",
             "IT consultancy", "product studio", "development partner"],
            [4, 2, 2, 2, 1, 1],
        )  # fmt: skip
        headline = rng.choice(
            [
                f"{_skills_phrase(tag_names[:3])} {word} in {city}",
                f"{role.capitalize().replace(' developer', '').replace(' engineer', '')} "
                f"team for {inds[0]}: {', '.join(tag_names[:3])}",
                f"Nearshore {tag_names[0]} and {tag_names[1]} delivery from {country}",
                f"{team_size} engineers building {products[0]} with {tag_names[0]}",
            ]
        )
        sentences = [
            f"{name} is {'an' if word[0] in 'aeiouAEIOU' else 'a'} {word} based in "
            f"{city}, {country}, with a team of {team_size}.",
            f"We build {' and '.join(rng.sample(products, 2))} with "
            f"{_skills_phrase(tag_names[: min(5, len(tag_names))])}.",
            f"Since {founded} we have worked with clients in {_skills_phrase(inds)}, "
            f"{rng.choice(CLIENT_SCOPE)}.",
        ]
        if len(tag_names) > 5:
            sentences.append(f"The team also covers {_skills_phrase(tag_names[5:8])}.")
        if rng.random() < 0.5:
            sentences.append(
                rng.choice(
                    [
                        "Every project gets a dedicated project manager and weekly demos.",
                        "We work in two-week sprints with a shared backlog and daily stand-ups.",
                        "Code reviews, automated tests and CI are part of every engagement.",
                        "We offer a two-week paid discovery phase before fixed-price work.",
                    ]
                )
            )
    else:
        founded = None
        level = (
            "Junior" if seniority < 0.25 else
            "Mid-level" if seniority < 0.5 else
            "Senior" if seniority < 0.85 else "Lead"
        )  # fmt: skip
        headline = rng.choice(
            [
                f"{level} {role} | {' · '.join(tag_names[:3])}",
                f"{role.capitalize()}: {', '.join(tag_names[:3])}",
                f"{tag_names[0]} specialist, {years_total}+ years, {city}",
            ]
        )
        sentences = [
            f"{level} {role} from {city}, {country}, with {years_total} years of experience.",
            f"I work mainly with {_skills_phrase(tag_names[: min(5, len(tag_names))])}, "
            f"building {rng.choice(products)} for clients in {_skills_phrase(inds)}.",
            rng.choice(
                [
                    "I care about clean, tested code and clear written communication.",
                    "I can take a feature from design to production and stay for support.",
                    "Happy to join an existing team or own a small project end to end.",
                    "I document my work and keep clients updated daily.",
                ]
            ),
        ]
    headline = headline[:140]
    description = " ".join(sentences)[:2000]

    certs = _certifications(rng, code, kind, quality, inds)

    portfolio = []
    for _ in range(rng.choice([0, 1, 1, 2, 2, 3]) if kind == "AGENCY" else rng.randint(0, 2)):
        sk = rng.sample(tag_names, min(2, len(tag_names)))
        portfolio.append(
            f"{rng.choice(products).capitalize()} for {rng.choice(PORTFOLIO_CLIENTS)} "
            f"({' and '.join(sk)})"
        )

    visibility = math.exp(rng.gauss(0, 1.0)) * (1.0 + min(team_size, 200) / 25)
    if kind == "AGENCY" and rng.random() < 0.05:  # the well-known shops of the market
        visibility *= 40
    return {
        "slug": slug,
        "kind": kind,
        "name": name,
        "headline": headline,
        "description": description,
        "country": code,
        "timezone": zone,
        "working_hours": {"start": start, "end": end},
        "languages": _languages(rng, code, english),
        "hourly_rate": rate,
        "min_project_budget": min_budget,
        "team_size": team_size,
        "expertise": expertise,
        "certifications": certs,
        "verified": rng.random() < 0.45 + 0.3 * quality,
        "availability": weighted(rng, ["AVAILABLE", "LIMITED", "UNAVAILABLE"], [6, 3, 1]),
        "median_response_hours": round(rng.lognormvariate(math.log(6), 0.8) * (1.6 - quality), 1),
        "founded_year": founded,
        "portfolio": portfolio,
        "owner_email": f"vendor-{idx:04d}@demo.vendormatch.dev",
        "_quality": quality,
        "_visibility": visibility,
        "_usd_rate": usd_rate,
        "_industries": inds,
    }


# --------------------------------------------------------------------------- services
# Outsourcing beyond software, in the shape of STACKS: (role, core tags, optional tags,
# products, industries, weight). Tags are filtered by the taxonomy when generating, so a
# slug a taxonomy file does not (yet) hold is skipped, never written out.
SERVICE_LINES: dict[str, tuple[str, list[str], list[str], list[str], list[str], float]] = {
    "support-desk": ("customer support agent",
                     ["customer-support", "email-support", "live-chat-support", "zendesk"],
                     ["phone-support", "freshdesk", "intercom", "gorgias", "ticket-handling",
                      "multilingual-customer-support", "csat", "knowledge-base-writing",
                      "e-commerce-customer-support", "help-scout", "sla-management",
                      "social-media-customer-service", "escalation-management", "zoho-desk"],
                     ["customer support", "help desks", "chat and email support"],
                     ["e-commerce", "saas", "travel"], 5),
    "contact-center": ("call centre agent",
                       ["call-center-services", "phone-support", "inbound-call-handling"],
                       ["outbound-calling", "five9", "genesys-cloud-cx", "talkdesk",
                        "workforce-management", "qa-scorecard-design", "appointment-scheduling",
                        "order-taking", "complaint-handling", "amazon-connect", "csat"],
                       ["inbound call handling", "overflow support", "order lines"],
                       ["retail", "insurance", "healthcare"], 3),
    "it-service-desk": ("IT support engineer",
                        ["it-service-desk", "it-support", "incident-management"],
                        ["microsoft-365-administration", "jira-service-management", "itil",
                         "remote-desktop-support", "desktop-support", "freshservice",
                         "endpoint-management", "microsoft-intune", "patch-management",
                         "noc-services", "servicenow-itsm", "active-directory",
                         "google-workspace-administration", "managed-it-services"],
                        ["first-line IT support", "managed service desks", "device management"],
                        ["professional services", "healthcare", "education"], 3),
    "bookkeeping": ("bookkeeper",
                    ["bookkeeping", "xero", "quickbooks-online", "bank-reconciliation"],
                    ["accounts-payable", "accounts-receivable", "month-end-close", "vat-returns",
                     "management-accounts", "dext", "hubdoc", "sage-accounting",
                     "making-tax-digital", "payroll-processing", "xero-payroll",
                     "catch-up-bookkeeping", "credit-control", "microsoft-excel"],
                    ["monthly bookkeeping", "month-end closes", "catch-up bookkeeping"],
                    ["e-commerce", "professional services", "hospitality"], 4),
    "payroll": ("payroll specialist",
                ["payroll-processing", "payroll-reconciliation", "payroll-tax-filings"],
                ["uk-payroll", "gusto", "adp", "xero-payroll", "quickbooks-payroll",
                 "multi-country-payroll", "deel", "pension-auto-enrolment", "payroll-year-end",
                 "benefits-administration", "time-and-attendance", "sage-payroll"],
                ["monthly payroll", "payroll migrations", "multi-country payroll"],
                ["professional services", "retail", "saas"], 2),
    "tax-vat": ("tax accountant",
                ["vat-returns", "tax-preparation", "corporate-tax"],
                ["eu-vat-oss", "sales-tax-compliance", "making-tax-digital", "avalara",
                 "vat-registration", "xero", "quickbooks-online", "datev", "tax-planning",
                 "intrastat", "e-invoicing-compliance"],
                ["VAT returns", "annual tax filings", "cross-border VAT"],
                ["e-commerce", "saas", "professional services"], 2),
    "translation": ("translator",
                    ["translation", "localization", "translation-proofreading"],
                    ["sdl-trados", "memoq", "transcreation", "certified-translation",
                     "website-localization", "subtitling", "machine-translation-post-editing",
                     "legal-translation", "marketing-translation", "technical-translation",
                     "software-localization", "terminology-management", "phrase-tms"],
                    ["website localisation", "document translation", "subtitles"],
                    ["e-commerce", "legal", "gaming"], 4),
    "packaging-design": ("packaging designer",
                         ["packaging-design", "adobe-illustrator", "label-design"],
                         ["dieline-design", "structural-packaging-design", "packaging-mockups",
                          "print-design", "prepress", "brand-guidelines", "logo-design",
                          "branding", "adobe-photoshop", "esko-artioscad", "3d-product-rendering",
                          "adobe-indesign"],
                         ["packaging ranges", "labels", "brand identities"],
                         ["consumer brands", "food and drink", "cosmetics"], 3),
    "marketing": ("digital marketer",
                  ["digital-marketing", "seo", "google-ads"],
                  ["meta-ads", "content-marketing", "social-media-management", "copywriting",
                   "ppc-advertising", "marketing-automation", "hubspot-marketing-hub", "klaviyo",
                   "google-analytics", "email-marketing", "linkedin-ads", "keyword-research",
                   "conversion-rate-optimization", "link-building"],
                  ["paid search campaigns", "SEO programmes", "social media management"],
                  ["e-commerce", "saas", "hospitality"], 4),
    "back-office": ("virtual assistant",
                    ["data-entry", "microsoft-excel", "data-cleansing"],
                    ["web-research", "virtual-assistance", "order-processing",
                     "catalog-management", "document-processing", "ocr", "google-sheets",
                     "crm-data-entry", "invoice-processing", "transcription",
                     "vendor-invoice-processing", "product-data-entry", "lead-generation"],
                    ["data entry", "catalogue updates", "back-office processing"],
                    ["e-commerce", "logistics", "real estate"], 3),
}  # fmt: skip
# Where each line of work is bought from (codes in COUNTRIES, weighted as there).
SERVICE_COUNTRIES = {
    "support-desk": ["PH", "IN", "KE", "ZA", "EG", "MX", "CO", "PL", "PT", "GB", "US", "RO", "MY"],
    "contact-center": ["PH", "IN", "MX", "CO", "ZA", "EG", "KE", "MA", "PT"],
    "it-service-desk": ["IN", "PL", "RO", "PH", "UA", "MX", "GB", "US", "ZA"],
    "bookkeeping": ["IN", "PH", "GB", "PL", "US", "PK", "ZA", "IE", "AU", "NZ", "DE", "CA"],
    "payroll": ["IN", "GB", "PL", "US", "PH", "IE", "ZA", "CA", "AU"],
    "tax-vat": ["GB", "DE", "NL", "PL", "IN", "IE", "ES", "US"],
    "translation": ["DE", "FR", "ES", "IT", "PL", "PT", "BR", "UA", "RO", "TR", "CN", "VN", "MX",
                    "AR", "NL", "SE"],
    "packaging-design": ["IN", "PL", "UA", "ID", "VN", "PT", "GB", "US", "DE", "ES", "AR"],
    "marketing": ["IN", "PK", "PH", "GB", "US", "PL", "UA", "ES", "BR", "NG", "ZA"],
    "back-office": ["PH", "IN", "PK", "BD", "KE", "VN", "LK", "EG"],
}  # fmt: skip
# Rates against a software vendor of the same country and seniority.
SERVICE_RATE = {
    "support-desk": 0.45, "contact-center": 0.4, "it-service-desk": 0.7, "bookkeeping": 0.75,
    "payroll": 0.8, "tax-vat": 1.0, "translation": 0.7, "packaging-design": 0.8,
    "marketing": 0.85, "back-office": 0.35,
}  # fmt: skip
# What an agency of each line calls itself.
SERVICE_AGENCY = {
    "support-desk": "customer support company", "contact-center": "contact centre",
    "it-service-desk": "IT service desk provider", "bookkeeping": "bookkeeping firm",
    "payroll": "payroll bureau", "tax-vat": "tax and VAT practice",
    "translation": "translation agency", "packaging-design": "packaging design studio",
    "marketing": "digital marketing agency", "back-office": "back-office services company",
}  # fmt: skip
# How agencies of each line end their names ("Harbor Support", "Cedar Ledger").
SERVICE_NAME_ENDINGS = {
    "support-desk": ["Support", "CX", "Care", "Helpdesk", "Service"],
    "contact-center": ["Contact", "Connect", "Voice", "Calls", "BPO"],
    "it-service-desk": ["IT", "Managed IT", "Service Desk", "Tech Support"],
    "bookkeeping": ["Ledger", "Books", "Accounting", "Bookkeeping"],
    "payroll": ["Payroll", "Pay", "People"],
    "tax-vat": ["Tax", "VAT", "Advisory"],
    "translation": ["Translations", "Language", "Lingua", "Localization"],
    "packaging-design": ["Design", "Studio", "Pack", "Creative"],
    "marketing": ["Marketing", "Growth", "Media", "Digital"],
    "back-office": ["Back Office", "Data", "Outsourcing", "Assist"],
}  # fmt: skip
# Lines whose agencies may staff a desk beyond the working day.
STAFFED_LINES = {"support-desk", "contact-center", "it-service-desk"}
N_SERVICE_VENDORS = 240
N_SERVICE_PROJECTS = 180


def service_lines() -> dict[str, tuple[str, list[str], list[str], list[str], list[str], float]]:
    """SERVICE_LINES with only the tags the taxonomy holds; a line left with fewer than
    two core tags (or three in all) is dropped."""
    out = {}
    for key, (role, core, opt, products, industries, weight) in SERVICE_LINES.items():
        core = [t for t in core if t in TAXONOMY]
        opt = [t for t in opt if t in TAXONOMY and t not in core]
        if len(core) >= 2 and len(core) + len(opt) >= 3:
            out[key] = (role, core, opt, products, industries, weight)
    return out


def _staffed_hours(rng: random.Random, line: str, kind: str, team_size: int) -> dict | None:
    """Staffed coverage for desks big enough to run shifts: 24/7, 24/5 or 16/6."""
    if line not in STAFFED_LINES or kind != "AGENCY" or team_size < 10:
        return None
    x = rng.random()
    if x < 0.35:
        return {"hours_per_day": 24, "days_per_week": 7}
    if x < 0.5:
        return {"hours_per_day": 24, "days_per_week": 5}
    if x < 0.7:
        return {"hours_per_day": 16, "days_per_week": 6}
    return None


def declared_capacity(rng: random.Random, kind: str, team_size: int) -> float | None:
    """Hours a week some vendors declare free (fewer than their team could work)."""
    if kind == "AGENCY" and rng.random() < 0.3:
        return float(round(team_size * rng.uniform(12, 36)))
    if kind == "FREELANCER" and rng.random() < 0.25:
        return float(rng.choice([10, 20, 30, 40]))
    return None


def make_service_vendor(
    rng: random.Random, idx: int, line: str, lines: dict, used_slugs: set[str]
) -> dict:
    """A vendor of a non-software line of work, shaped like make_vendor's."""
    codes = [c for c in SERVICE_COUNTRIES[line] if c in COUNTRIES]
    code = weighted(rng, codes, [COUNTRIES[c][0] for c in codes])
    _weight, base_rate, english, _group, cities = COUNTRIES[code]
    city, zone = city_zone(code, rng.choice(cities))
    agency_share = 0.75 if line in STAFFED_LINES else 0.45
    kind = "AGENCY" if rng.random() < agency_share else "FREELANCER"
    quality = min(1.0, max(0.0, rng.betavariate(4, 2.2)))
    seniority = rng.betavariate(2, 2)
    role, core, opt, products, industries, _w = lines[line]
    languages = _languages(rng, code, english)
    if kind == "AGENCY":
        team_size = int(min(500, max(2, round(math.exp(rng.gauss(3.2, 1.0))))))
        tags = core + rng.sample(opt, min(len(opt), rng.randint(2, 6)))
        years_cap = 15
    else:
        team_size = 1
        tags = core + rng.sample(opt, min(len(opt), rng.randint(0, 4)))
        years_cap = max(2, int(2 + seniority * 13))
    if line == "translation":  # the language pairs the translator works in
        tags += [t for lang in languages if (t := f"translation-{lang['code']}") in TAXONOMY]
    staffed = _staffed_hours(rng, line, kind, team_size)
    if staffed and staffed["days_per_week"] == 7 and "24-7-support" in TAXONOMY:
        tags.append("24-7-support")
    tags = list(dict.fromkeys(tags))[:12]
    expertise = [
        {"tag": t, "years": max(1, min(years_cap, round(years_cap * rng.uniform(0.35, 1.0))))}
        for t in tags
    ]
    mult = SERVICE_RATE[line] * (0.7 + 0.6 * seniority + 0.35 * quality)
    rate, min_budget, usd_rate = _pricing(rng, code, kind, team_size, base_rate * mult)
    start, end = _working_hours(rng, code, zone)
    name, slug = _identity(rng, kind, code, city, used_slugs, SERVICE_NAME_ENDINGS[line])
    names = [TAXONOMY[t]["name"] for t in tags]
    inds = rng.sample(industries, 2)
    country = country_name(code)
    if kind == "AGENCY":
        founded = rng.randint(max(1995, 2026 - 4 - int(team_size**0.5) * 3), 2024)
        headline = f"{SERVICE_AGENCY[line].capitalize()} in {city}: {_skills_phrase(names[:3])}"
        sentences = [
            f"{name} is a {SERVICE_AGENCY[line]} based in {city}, {country}, with a team of "
            f"{team_size}.",
            f"We handle {' and '.join(rng.sample(products, 2))} with "
            f"{_skills_phrase(names[: min(5, len(names))])}.",
            f"Since {founded} we have worked for clients in {_skills_phrase(inds)}.",
        ]
    else:
        founded = None
        headline = f"{role.capitalize()} | {' · '.join(names[:3])}"
        sentences = [
            f"Freelance {role} from {city}, {country}.",
            f"I work with {_skills_phrase(names[: min(5, len(names))])} on "
            f"{rng.choice(products)} for clients in {_skills_phrase(inds)}.",
        ]
    if staffed:
        sentences.append(
            f"Our desk is staffed {staffed['hours_per_day']} hours a day, "
            f"{staffed['days_per_week']} days a week."
        )
    return {
        "slug": slug,
        "kind": kind,
        "name": name,
        "headline": headline[:140],
        "description": " ".join(sentences)[:2000],
        "country": code,
        "timezone": zone,
        "working_hours": {"start": start, "end": end},
        "languages": languages,
        "hourly_rate": rate,
        "min_project_budget": min_budget,
        "team_size": team_size,
        "expertise": expertise,
        "certifications": _certifications(rng, code, kind, quality, inds),
        "verified": rng.random() < 0.45 + 0.3 * quality,
        "availability": weighted(rng, ["AVAILABLE", "LIMITED", "UNAVAILABLE"], [6, 3, 1]),
        "median_response_hours": round(
            rng.lognormvariate(math.log(3 if line in STAFFED_LINES else 6), 0.8) * (1.6 - quality),
            1,
        ),
        "hours_per_week": declared_capacity(rng, kind, team_size),
        "staffed_hours": staffed,
        "founded_year": founded,
        "portfolio": [],
        "owner_email": f"vendor-{idx:04d}@demo.vendormatch.dev",
        "_quality": quality,
        "_visibility": math.exp(rng.gauss(0, 1.0)) * (1.0 + min(team_size, 200) / 25),
        "_usd_rate": usd_rate,
        "_industries": inds,
    }


# --------------------------------------------------------------------------- businesses
BUSINESS_COUNTRIES = {
    "US": 14, "GB": 7, "DE": 6, "NL": 3, "FR": 3, "CH": 2, "SE": 2, "CA": 3, "AU": 3, "IE": 2,
    "DK": 1, "NO": 1, "FI": 1, "AT": 1, "BE": 1, "IL": 1, "SG": 2, "AE": 2, "JP": 1, "ES": 1,
    "PL": 1, "BR": 1, "MX": 1, "ZA": 1, "IN": 1,
}  # fmt: skip
BUSINESS_ZONES = {
    "US": ["America/New_York", "America/Chicago", "America/Los_Angeles", "America/Denver"],
    "CA": ["America/Toronto", "America/Vancouver"],
    "AU": ["Australia/Sydney", "Australia/Melbourne"],
    "BR": ["America/Sao_Paulo"], "MX": ["America/Mexico_City"], "ES": ["Europe/Madrid"],
    "DE": ["Europe/Berlin"], "FR": ["Europe/Paris"],
}  # fmt: skip
LEGAL_SUFFIX = {
    "US": "Inc.", "GB": "Ltd", "DE": "GmbH", "NL": "B.V.", "FR": "SAS", "CH": "AG", "SE": "AB",
    "CA": "Inc.", "AU": "Pty Ltd", "IE": "Ltd", "DK": "ApS", "NO": "AS", "FI": "Oy",
    "AT": "GmbH", "BE": "SA", "IL": "Ltd", "SG": "Pte. Ltd.", "AE": "LLC", "JP": "K.K.",
    "ES": "S.L.", "PL": "Sp. z o.o.", "BR": "Ltda.", "MX": "S.A. de C.V.", "ZA": "(Pty) Ltd",
    "IN": "Pvt. Ltd.",
}  # fmt: skip
BUSINESS_WORDS = [
    "Acme", "Northwind", "Bluebird", "Helix", "Meridian", "Crescent", "Evergreen", "Lighthouse",
    "Pioneer", "Riverstone", "Sunrise", "Keystone", "Oakridge", "Parallel", "Silverline",
    "Brightwater", "Foxglove", "Juniper", "Monarch", "Skyward", "Tessera", "Verity", "Wavelength",
    "Zephyr", "Halcyon", "Aurora", "Bramble", "Cardinal", "Driftwood", "Elmstead",
]  # fmt: skip
BUSINESS_INDUSTRIES = {
    "healthcare": ("Health", ["python-web", "ios-native", "react-native", "ml", "security",
                              "ts-fullstack", "qa-auto", "product-design"]),
    "fintech": ("Pay", ["java-enterprise", "ts-fullstack", "go-backend", "security", "data-eng",
                        "react-frontend", "qa-auto", "devops-aws", "blockchain"]),
    "retail": ("Retail", ["shopify", "magento", "woocommerce", "data-eng", "bi", "ml",
                          "react-frontend", "flutter"]),
    "logistics": ("Logistics", ["java-enterprise", "python-api", "android-native", "flutter",
                                "devops-aws", "data-eng", "iot-cloud"]),
    "saas": ("Cloud", ["ts-fullstack", "react-frontend", "devops-aws", "genai", "product-design",
                       "go-backend", "ruby", "qa-auto", "devops-gcp"]),
    "media": ("Media", ["react-frontend", "wordpress", "ios-native", "android-native",
                        "graphic-design", "genai", "mern"]),
    "manufacturing": ("Industries", ["embedded", "sap", "dynamics", "bi", "iot-cloud",
                                     "angular-dotnet", "odoo"]),
    "education": ("Learning", ["mern", "vue-laravel", "flutter", "unity-games", "python-web",
                               "wordpress", "qa-manual"]),
    "gaming": ("Games", ["unity-games", "unreal-games", "graphic-design", "qa-manual",
                         "devops-aws"]),
    "professional services": ("Partners", ["salesforce", "dynamics", "it-support", "wordpress",
                                           "bi", "angular-dotnet", "pm"]),
    "insurance": ("Insurance", ["angular-dotnet", "java-enterprise", "salesforce", "data-eng",
                                "security", "genai"]),
}  # fmt: skip


def make_businesses(rng: random.Random) -> list[dict]:
    out = []
    codes = list(BUSINESS_COUNTRIES)
    weights = [BUSINESS_COUNTRIES[c] for c in codes]
    ordered = codes + [weighted(rng, codes, weights) for _ in range(N_BUSINESSES - len(codes))]
    industries = list(BUSINESS_INDUSTRIES)
    used: set[str] = set()
    for i, code in enumerate(ordered, start=1):
        industry = industries[(i * 7) % len(industries)]
        while True:
            word = rng.choice(BUSINESS_WORDS)
            name = f"{word} {BUSINESS_INDUSTRIES[industry][0]} {LEGAL_SUFFIX[code]}"
            if name not in used:
                used.add(name)
                break
        zones = BUSINESS_ZONES.get(code) or babel.core.get_global("territory_zones")[code][:1]
        local = local_currency(code)
        currency = local if local in ("USD", "EUR", "GBP", "CHF", "CAD", "AUD") else "USD"
        if code in ("SE", "DK", "NO") and rng.random() < 0.5:
            currency = "EUR"
        if code == "SG":
            currency = "SGD"
        out.append(
            {
                "email": f"business-{i:03d}@demo.vendormatch.dev",
                "name": name,
                "country": code,
                "timezone": rng.choice(zones),
                "_industry": industry,
                "_currency": currency,
                "_lang": local_language(code),
            }
        )
    return out


def local_language(code: str) -> str:
    langs = country_languages(code)
    return langs[0][0] if langs else "en"


# --------------------------------------------------------------------------- history
def _interval_utc(zone: str, day: dt.date, start: str, end: str) -> tuple[float, float]:
    h1, m1 = map(int, start.split(":"))
    h2, m2 = map(int, end.split(":"))
    tz = ZoneInfo(zone)
    a = dt.datetime(day.year, day.month, day.day, h1, m1, tzinfo=tz)
    b = dt.datetime(day.year, day.month, day.day, h2, m2, tzinfo=tz)
    if b <= a:
        b += dt.timedelta(days=1)
    return a.timestamp() / 3600, b.timestamp() / 3600


def overlap_hours(z1: str, wh1: dict, z2: str, wh2: dict, day: dt.date) -> float:
    a1, b1 = _interval_utc(z1, day, wh1["start"], wh1["end"])
    best = 0.0
    for shift in (-1, 0, 1):
        a2, b2 = _interval_utc(z2, day + dt.timedelta(days=shift), wh2["start"], wh2["end"])
        best = max(best, min(b1, b2) - max(a1, a2))
    return max(0.0, best)


TITLES = {
    "react-frontend": ["Rebuild customer dashboard in React", "React front end for {ind} portal",
                       "Migrate AngularJS app to React", "Design-system implementation in React"],
    "mern": ["MVP web app for {ind} startup", "Marketplace web platform",
             "Booking platform with admin panel"],
    "ts-fullstack": ["B2B SaaS platform build", "Customer portal with billing",
                     "Internal operations tool", "Multi-tenant SaaS rewrite"],
    "vue-laravel": ["Laravel and Vue booking system", "Admin panel for {ind} company",
                    "Legacy PHP modernisation"],
    "angular-dotnet": ["Line-of-business app on .NET and Angular", "Broker portal modernisation",
                       "Migrate WinForms tool to the web"],
    "java-enterprise": ["Payments backend on Spring Boot", "Core system integration layer",
                        "Microservices migration of a monolith"],
    "python-web": ["Django platform for {ind}", "Patient scheduling web app",
                   "Back-office system on Django"],
    "python-api": ["Public REST API on FastAPI", "Data service for {ind} analytics",
                   "API gateway and integrations"],
    "ruby": ["Rails SaaS feature development", "Rails upgrade and performance work"],
    "go-backend": ["High-throughput event API in Go", "Streaming ingestion service"],
    "ios-native": ["iOS app for {ind} customers", "SwiftUI rewrite of iPhone app",
                   "Apple Watch companion app"],
    "android-native": ["Android app for field teams", "Jetpack Compose migration",
                       "Android customer app"],
    "flutter": ["Cross-platform app in Flutter", "Delivery app for iOS and Android",
                "Flutter MVP for {ind} startup"],
    "react-native": ["React Native app for {ind}", "Patient companion app",
                     "Loyalty app for iOS and Android"],
    "devops-aws": ["AWS landing zone and Terraform", "Kubernetes migration on EKS",
                   "CI/CD pipeline overhaul", "Cloud cost optimisation"],
    "devops-azure": ["Azure migration of on-prem apps", "Azure DevOps pipelines setup"],
    "devops-gcp": ["GKE platform setup", "Move workloads to Google Cloud"],
    "data-eng": ["Data warehouse on Snowflake", "Airflow pipelines for {ind} data",
                 "Lakehouse on Databricks"],
    "ml": ["Demand forecasting model", "Recommendation engine for {ind}",
           "Computer-vision quality inspection"],
    "genai": ["RAG assistant over internal documents", "LLM customer-support bot",
              "Document extraction with LLMs", "AI agent for sales ops"],
    "bi": ["Power BI reporting suite", "Executive KPI dashboards"],
    "product-design": ["UX redesign of {ind} app", "Design system in Figma",
                       "Clickable prototype for investor demo"],
    "graphic-design": ["Brand identity refresh", "Marketing asset package"],
    "qa-auto": ["Test automation framework", "Playwright regression suite",
                "Load testing before launch"],
    "qa-manual": ["Release testing for mobile app", "UAT support for {ind} rollout"],
    "security": ["Penetration test of web platform", "SOC 2 readiness assessment",
                 "Application security review"],
    "shopify": ["Shopify Plus store build", "Headless Shopify storefront",
                "Shopify theme customisation"],
    "woocommerce": ["WooCommerce shop build", "WooCommerce performance and payments"],
    "magento": ["Magento 2 B2B shop", "Magento upgrade and ERP integration"],
    "wordpress": ["Company website on WordPress", "WordPress site redesign"],
    "unity-games": ["Casual mobile game in Unity", "VR training simulation",
                    "Educational game for kids"],
    "unreal-games": ["Unreal Engine product configurator", "Multiplayer prototype in UE5"],
    "blockchain": ["Smart-contract audit and fixes", "Tokenised loyalty programme"],
    "embedded": ["Firmware for connected device", "BLE sensor firmware"],
    "salesforce": ["Salesforce Sales Cloud rollout", "Customer portal on Experience Cloud"],
    "dynamics": ["Dynamics 365 CRM implementation", "Power Platform workflow automation"],
    "sap": ["S/4HANA custom extensions", "SAP finance module rollout"],
    "odoo": ["Odoo ERP implementation", "Odoo inventory customisation"],
    "pm": ["Interim product manager", "Discovery workshop and roadmap"],
    "it-support": ["Managed IT support for offices", "Microsoft 365 migration"],
    "iot-cloud": ["IoT sensor dashboard", "Fleet telemetry platform"],
}  # fmt: skip
DELIVERABLES = [
    "Source code in our repository", "Technical documentation", "Deployment to production",
    "Automated test suite", "Handover workshop", "Architecture document", "Design files",
    "Weekly progress reports", "30 days of post-launch support", "CI/CD pipeline",
]  # fmt: skip
# How the business will accept each deliverable (derived, so the random stream is unchanged).
ACCEPTANCE = {
    "Source code in our repository": "All code merged to our main branch after our review",
    "Technical documentation": "Our engineers can run and change the system from the docs alone",
    "Deployment to production": "Running in production for a week without a severity-1 incident",
    "Automated test suite": "Tests run in CI and cover every acceptance scenario",
    "Handover workshop": "A recorded workshop our team signs off on",
    "Architecture document": "Reviewed and approved by our architect",
    "Design files": "Source files in our design tool, approved by our product owner",
    "Weekly progress reports": "A written report every Friday",
    "30 days of post-launch support": "Defects found within 30 days fixed in 2 working days",
    "CI/CD pipeline": "Every merge deploys to staging automatically",
}


def communication_plan(min_overlap: float) -> str:
    return (
        f"Weekly video check-in within our {min_overlap:g} shared hours; questions answered "
        "within one working day; a shared chat channel; written notes after each check-in."
    )


COMMENTS = {
    5: ["Outstanding work, delivered exactly what we needed.", "Excellent team, would hire again.",
        "Great communication and very high quality.", "Exceeded expectations on every milestone."],
    4: ["Solid delivery with minor hiccups.", "Good work overall, a few delays.",
        "Reliable and skilled, communication could be faster.", "Happy with the result."],
    3: ["Acceptable result but needed a lot of guidance.", "Mixed experience; quality varied.",
        "Got there in the end, slower than planned."],
    2: ["Missed several deadlines and needed rework.", "Communication was difficult.",
        "Quality below what was promised."],
    1: ["Project had to be taken over by another vendor.", "Very poor delivery."],
}  # fmt: skip
REGIONS = [
    "Eastern Europe", "Southern Europe", "Northern Europe", "Western Europe", "Europe",
    "Latin America and the Caribbean", "South-eastern Asia", "Southern Asia",
]  # fmt: skip
PROF_SCORE = {"NATIVE": 1.0, "FLUENT": 0.85, "CONVERSATIONAL": 0.5, "BASIC": 0.2}


def _related_credit(vtags: dict[str, int], tag: str) -> float:
    if tag in vtags:
        return 0.7 + 0.3 * min(vtags[tag], 8) / 8
    if any(r in vtags for r in TAXONOMY[tag]["related"]):
        return 0.35
    return 0.0


def _subregion(code: str) -> tuple[str, str]:
    ci = CountryInfo(code)
    try:
        return ci.subregion(), ci.region()
    except Exception:  # pragma: no cover - missing data
        return "", ""


def software_market() -> Market:
    """The software projects: each business picks a stack of its industry."""
    return Market(
        lines=STACKS,
        titles=TITLES,
        deliverables=DELIVERABLES,
        acceptance=ACCEPTANCE,
        closings=[
            "We need at least a few hours of overlap with our team every day.",
            "The team will work with our in-house product owner.",
            "Existing codebase; good documentation is expected.",
            "Greenfield project with room to propose the architecture.",
        ],
        n_projects=N_PROJECTS,
        first_key=1,
        choose_line=lambda rng, b: rng.choice(BUSINESS_INDUSTRIES[b["_industry"]][1]),
        service_level=lambda line: {},
    )


SERVICE_TITLES = {
    "support-desk": ["Outsourced customer support for our {ind} shop",
                     "Email and chat support team", "Support desk for a product launch",
                     "Multilingual support for EU customers"],
    "contact-center": ["Inbound call handling for {ind}", "Overflow phone support",
                       "Order line for seasonal peaks"],
    "it-service-desk": ["First-line IT service desk", "Managed IT support for offices",
                        "Out-of-hours IT support"],
    "bookkeeping": ["Monthly bookkeeping in Xero", "Catch-up bookkeeping for {ind} company",
                    "Bookkeeping and VAT returns in QuickBooks"],
    "payroll": ["Monthly payroll for 40 staff", "Payroll migration to a new provider",
                "Multi-country payroll"],
    "tax-vat": ["Quarterly VAT returns", "EU VAT OSS filings", "Annual corporate tax return"],
    "translation": ["Website localisation into German and French", "Product catalogue translation",
                    "Subtitles for training videos"],
    "packaging-design": ["Packaging design for a new product range", "Label redesign",
                         "Brand identity and packaging refresh"],
    "marketing": ["Google Ads campaigns for {ind}", "SEO programme for our website",
                  "Social media management"],
    "back-office": ["Product data entry for our catalogue", "Invoice processing back office",
                    "Data cleansing of our CRM"],
}  # fmt: skip
SERVICE_DELIVERABLES = [
    "Agreed service levels met every month", "Weekly performance report", "Documented processes",
    "Named team lead", "Monthly review call", "Handover of all records at the end",
]  # fmt: skip
SERVICE_ACCEPTANCE = {
    "Agreed service levels met every month": "The monthly report shows every agreed level met",
    "Weekly performance report": "A written report every Monday, volumes and quality included",
    "Documented processes": "Our operations lead signs off the process documents",
    "Named team lead": "One named lead answers for the work, with a deputy",
    "Monthly review call": "A call each month with minutes sent within two days",
    "Handover of all records at the end": "Every record back in our systems, checked by us",
}


def service_market(lines: dict, rng: random.Random) -> Market:
    """Non-software projects: any business may buy any line of work; support desks state
    the hours they need staffed and how fast an answer must come."""
    keys = sorted(lines)

    def service_level(line: str) -> dict:
        if line not in STAFFED_LINES:
            return {}
        coverage = weighted(
            rng, ["BUSINESS_HOURS", "EXTENDED", "FOLLOW_THE_SUN", "ROUND_THE_CLOCK"], [3, 2, 1, 2]
        )
        return {"coverage": coverage, "max_response_hours": rng.choice([1, 2, 4, 8])}

    return Market(
        lines=lines,
        titles=SERVICE_TITLES,
        deliverables=SERVICE_DELIVERABLES,
        acceptance=SERVICE_ACCEPTANCE,
        closings=[
            "We need at least a few hours of overlap with our team every day.",
            "The work starts with a two-week trial period.",
            "Our current process is documented; we expect it followed and improved.",
            "We are moving this work from an in-house team.",
        ],
        n_projects=N_SERVICE_PROJECTS,
        first_key=N_PROJECTS + 1,
        choose_line=lambda rng, b: rng.choice(keys),
        service_level=service_level,
    )


class Market(NamedTuple):
    """One line of outsourcing work as the history simulates it: its stacks (as STACKS),
    project titles, deliverables with how each is accepted, and how a business picks a
    stack; projects are numbered from ``first_key``."""

    lines: dict[str, tuple[str, list[str], list[str], list[str], list[str], float]]
    titles: dict[str, list[str]]
    deliverables: list[str]
    acceptance: dict[str, str]
    closings: list[str]
    n_projects: int
    first_key: int
    choose_line: Callable[[random.Random, dict], str]
    # Extra scope fields for a project of a line (coverage, response time), drawn from
    # the market's own random stream so the others stay as they were.
    service_level: Callable[[str], dict]


def make_history(
    rng: random.Random, vendors: list[dict], businesses: list[dict], market: Market | None = None
) -> list[dict]:
    work = market or software_market()
    by_tag: dict[str, list[int]] = {}
    vtag_maps = []
    for i, v in enumerate(vendors):
        m = {e["tag"]: e["years"] for e in v["expertise"]}
        vtag_maps.append(m)
        for t in m:
            by_tag.setdefault(t, []).append(i)
    regions = {c: _subregion(c) for c in sorted({v["country"] for v in vendors})}
    review_sum = [0.0] * len(vendors)
    review_n = [0] * len(vendors)

    # project skeletons, then processed in chronological order
    skeletons = []
    for _ in range(work.n_projects):
        b = rng.choice(businesses)
        stack = work.choose_line(rng, b)
        start = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 1000))
        skeletons.append((start, b, stack))
    skeletons.sort(key=lambda s: (s[0], s[1]["email"], s[2]))

    projects = []
    for k, (start, b, stack) in enumerate(skeletons, start=work.first_key):
        role, core, opt, products, _inds, _w = work.lines[stack]
        opt = [t for t in opt if t in TAXONOMY]
        must = rng.sample(core, rng.randint(1, min(3, len(core))))
        nice = rng.sample(opt, rng.randint(1, min(3, len(opt))))
        skills = [{"tag": t, "must_have": True, "weight": 1.0} for t in must] + [
            {"tag": t, "must_have": False, "weight": rng.choice([0.3, 0.5, 0.7])} for t in nice
        ]
        skills = skills[:6]
        months = rng.choice([1, 2, 3, 3, 4, 6, 6, 9, 12])
        deadline = min(start + dt.timedelta(days=30 * months), dt.date(2026, 12, 31))
        hours = int(round(months * rng.choice([80, 120, 160, 320]) / 10) * 10)
        tier = rng.choice([0.5, 0.8, 1.0, 1.0, 1.5, 2.2])
        target_usd = 35 * tier  # the hourly rate the business is prepared to pay
        cur = b["_currency"]
        fx = FX[cur]
        pricing = "FIXED" if rng.random() < 0.65 else "HOURLY"
        if pricing == "FIXED":
            lo_b, hi_b = hours * target_usd * 0.7 * fx, hours * target_usd * 1.2 * fx
            budget = {"min": money(lo_b, 500), "max": money(hi_b, 500)}
            max_rate_usd = hi_b / fx / hours
            est = hours if rng.random() < 0.8 else None
        else:
            lo_b, hi_b = target_usd * 0.6 * fx, target_usd * 1.2 * fx
            budget = {"min": money(lo_b, 1), "max": money(hi_b, 1)}
            max_rate_usd = hi_b / fx
            est = hours if rng.random() < 0.6 else None
        budget.update({"currency": cur, "pricing": pricing})
        biz_wh = weighted(
            rng, [{"start": "09:00", "end": "17:00"}, {"start": "09:00", "end": "18:00"},
                  {"start": "08:00", "end": "16:00"}], [6, 3, 1])  # fmt: skip
        min_overlap = weighted(rng, [0, 1, 2, 3, 4], [2, 2, 3, 2, 1])
        languages = ["en"]
        if b["_lang"] != "en" and rng.random() < 0.15:
            languages.append(b["_lang"])
        preferred = []
        if rng.random() < 0.2:
            preferred = [rng.choice(REGIONS)]
        sensitivity = weighted(rng, ["LOW", "MEDIUM", "HIGH"], [4, 4, 2])
        req_certs = []
        if b["country"] in EU | {"GB", "CH", "NO"} and sensitivity != "LOW" and rng.random() < 0.5:
            req_certs.append("GDPR_DPA")
        if b["_industry"] == "healthcare" and b["country"] == "US" and rng.random() < 0.7:
            req_certs.append("HIPAA")
        if sensitivity == "HIGH" and rng.random() < 0.4:
            req_certs.append(rng.choice(["ISO_27001", "SOC_2"]))
        if b["_industry"] == "fintech" and rng.random() < 0.2:
            req_certs.append("PCI_DSS")
        req_certs = [c for c in CERTIFICATIONS if c in req_certs]

        # candidates: anyone holding a must-have tag
        cand_idx = sorted({i for t in must for i in by_tag.get(t, [])})
        scored = []
        for i in cand_idx:
            v = vendors[i]
            if v["availability"] == "UNAVAILABLE" and rng.random() < 0.8:
                continue
            m = vtag_maps[i]
            fit = sum(s["weight"] * _related_credit(m, s["tag"]) for s in skills) / sum(
                s["weight"] for s in skills
            )
            if any(s["tag"] not in m for s in skills if s["must_have"]):
                fit *= 0.6
            scored.append((fit, i))
        if len(scored) < 3:
            continue
        scored.sort(key=lambda x: (-x[0], x[1]))
        pool = scored[:40]
        n_short = min(len(pool), rng.randint(3, 6))
        weights_pool = [(f**3) * vendors[i]["_visibility"] + 1e-9 for f, i in pool]
        shortlist: list[tuple[float, int]] = []
        avail = list(pool)
        wts = list(weights_pool)
        while len(shortlist) < n_short:
            j = rng.choices(range(len(avail)), weights=wts, k=1)[0]
            shortlist.append(avail.pop(j))
            wts.pop(j)

        # hire: utility over fit, overlap, budget, certs, reputation, language
        best, best_u, details = None, -1e9, {}
        for fit, i in shortlist:
            v = vendors[i]
            ov = overlap_hours(b["timezone"], biz_wh, v["timezone"], v["working_hours"], start)
            rate = v["_usd_rate"]
            budget_fit = 1.0 if rate <= max_rate_usd else max(0.0, 1 - (rate / max_rate_usd - 1))
            cert_ok = all(c in v["certifications"] for c in req_certs)
            n = review_n[i]
            bayes = (review_sum[i] + 4.0 * 3.5) / (n + 4.0)
            en = max(
                (PROF_SCORE[lang["proficiency"]] for lang in v["languages"]
                 if lang["code"] in languages), default=0.0)  # fmt: skip
            region_ok = (not preferred) or preferred[0] in regions[v["country"]]
            u = (
                3.0 * fit
                + 1.2 * min(ov, max(min_overlap, 2)) / max(min_overlap, 2)
                + 1.5 * budget_fit
                + (0.0 if cert_ok else -1.5)
                + 0.8 * (bayes - 3.5)
                + 0.3 * math.log1p(n)  # track record
                + 0.6 * en
                + (0.4 if v["verified"] else 0.0)
                + (0.5 if region_ok else -0.3)
            )
            u += -0.35 * math.log(-math.log(rng.random() or 1e-12))  # Gumbel noise
            if u > best_u:
                best, best_u = i, u
                details = {"ov": ov, "en": en, "budget_fit": budget_fit}
        hired = vendors[best]
        status = "AWARDED" if deadline >= AS_OF or start >= dt.date(2026, 7, 1) else "CLOSED"
        review = None
        if status == "CLOSED":
            q = hired["_quality"]
            comm_bonus = 0.6 * min(details["ov"], 4) / 4 + 0.8 * details["en"] - 0.7
            scores = {
                "quality": 1.2 + 3.8 * q + rng.gauss(0, 0.55),
                "communication": 1.4 + 3.2 * q + comm_bonus + rng.gauss(0, 0.55),
                "timeliness": 1.0 + 4.0 * q + rng.gauss(0, 0.7),
                "value": 1.3 + 2.8 * q + 0.8 * details["budget_fit"] + rng.gauss(0, 0.55),
            }
            review = {key: int(min(5, max(1, round(val)))) for key, val in scores.items()}
            if q >= 0.88:  # the excellent few rarely drop a point
                review = {
                    key: max(val, 5 if rng.random() < 0.85 else 4) for key, val in review.items()
                }
            overall = round(sum(review.values()) / 4)
            review["comment"] = rng.choice(COMMENTS[overall])
            review["on_time"] = review["timeliness"] >= 4 or rng.random() < 0.15
            created = deadline + dt.timedelta(days=rng.randint(1, 30))
            review["created_at"] = min(created, AS_OF - dt.timedelta(days=1)).isoformat()
            review_sum[best] += sum(review[s] for s in ("quality", "communication",
                                                        "timeliness", "value")) / 4  # fmt: skip
            review_n[best] += 1
        ind = b["_industry"]
        title = rng.choice(work.titles[stack]).format(ind=ind)
        skill_names = _skills_phrase([TAXONOMY[s["tag"]]["name"] for s in skills])
        description = (
            f"{b['name']} is looking for a {role} to deliver {rng.choice(products)} "
            f"for our {ind} business. Required: {skill_names}. " + rng.choice(work.closings)
        )
        projects.append(
            {
                "key": f"p-{k:05d}",
                "business_email": b["email"],
                "title": title,
                "description": description,
                "skills": skills,
                "deliverables": (chosen := rng.sample(work.deliverables, rng.randint(2, 4))),
                "acceptance_criteria": [work.acceptance[d] for d in chosen],
                "communication_plan": communication_plan(min_overlap),
                "budget": budget,
                "estimated_hours": est,
                "timezone": b["timezone"],
                "working_hours": biz_wh,
                "min_overlap_hours": min_overlap,
                "languages": languages,
                "preferred_regions": preferred,
                "required_certifications": req_certs,
                "data_sensitivity": sensitivity,
                "start_date": start.isoformat(),
                "deadline": deadline.isoformat(),
                "status": status,
                "shortlisted": [vendors[i]["slug"] for _, i in shortlist],
                "hired": hired["slug"],
                "review": review,
                **work.service_level(stack),
            }
        )
    return projects


# --------------------------------------------------------------------------- entry points
FX: dict[str, float] = {}


def generate() -> tuple[dict, dict]:
    """Build both documents in memory (no file is written)."""
    TAXONOMY.clear()
    TAXONOMY.update(load_taxonomy())
    FX.clear()
    FX.update(load_fx())
    rng = random.Random(SEED)
    codes = list(COUNTRIES)
    weights = [COUNTRIES[c][0] for c in codes]
    # every country at least 4 vendors, the rest drawn by market weight
    assignment = [c for c in codes for _ in range(4)]
    assignment += [weighted(rng, codes, weights) for _ in range(N_VENDORS - len(assignment))]
    rng.shuffle(assignment)
    used: set[str] = set()
    vendors = [make_vendor(rng, i, code, used) for i, code in enumerate(assignment, start=1)]
    businesses = make_businesses(rng)
    projects = make_history(rng, vendors, businesses)
    # Outsourcing beyond software, and declared capacity, each from its own random stream
    # so the software vendors and their history stay as they were.
    lines = service_lines()
    services_rng = random.Random(SEED + 1)
    line_keys = sorted(lines)
    services = [
        make_service_vendor(services_rng, len(vendors) + n, line, lines, used)
        for n, line in enumerate(
            (weighted(services_rng, line_keys, [lines[k][5] for k in line_keys])
             for _ in range(N_SERVICE_VENDORS)),
            start=1,
        )
    ]  # fmt: skip
    capacity_rng = random.Random(SEED + 2)
    for vendor in vendors:
        vendor["hours_per_week"] = declared_capacity(
            capacity_rng, vendor["kind"], vendor["team_size"]
        )
        vendor["staffed_hours"] = None
    projects += make_history(
        services_rng, services, businesses, service_market(lines, random.Random(SEED + 3))
    )
    vendors += services
    public_vendors = [{k: v for k, v in vd.items() if not k.startswith("_")} for vd in vendors]
    public_biz = [{k: v for k, v in bd.items() if not k.startswith("_")} for bd in businesses]
    return {"vendors": public_vendors}, {"businesses": public_biz, "projects": projects}


def dumps(doc: dict, key: str | list[str]) -> str:
    """Compact JSON with one record per line, keys sorted."""
    keys = [key] if isinstance(key, str) else key
    parts = []
    for k in sorted(doc):
        if k in keys:
            rows = ",\n".join(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in doc[k])
            parts.append(f"{json.dumps(k)}: [\n{rows}\n]")
        else:
            parts.append(f"{json.dumps(k)}: {json.dumps(doc[k], sort_keys=True)}")
    return "{" + ",\n".join(parts) + "}\n"


def main() -> int:
    vendors, history = generate()
    (SEEDS_DIR / "demo_vendors.json").write_text(dumps(vendors, "vendors"), encoding="utf-8")
    (SEEDS_DIR / "demo_history.json").write_text(
        dumps(history, ["businesses", "projects"]), encoding="utf-8"
    )
    n_reviews = sum(1 for p in history["projects"] if p["review"])
    print(
        f"{len(vendors['vendors'])} vendors, {len(history['businesses'])} businesses, "
        f"{len(history['projects'])} projects, {n_reviews} reviews"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
