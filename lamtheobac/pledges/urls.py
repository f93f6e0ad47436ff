from django.urls import path

from lamtheobac.pledges import views

app_name = "pledges"

urlpatterns = [
    path("", views.index, name="index"),
    path("cua-toi/", views.mine, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ke-hoach.docx", views.pledge_document, name="docx"),
    path("chi-bo/<int:unit_pk>/", views.cell, name="cell"),
    path("chi-bo/<int:unit_pk>/nhap/", views.cell_import, name="cell_import"),
    path("chi-bo/<int:unit_pk>/mau.xlsx", views.cell_template, name="cell_template"),
    path("dien-hinh/<int:unit_pk>/", views.organisation, name="organisation"),
    path("mo-hinh/<int:pk>/", views.model, name="model"),
    path("tep/<int:pk>/", views.model_file, name="model_file"),
]
